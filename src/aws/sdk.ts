/**
 * The AWS SDK packages, each loaded the first time a run needs it. In the bundles every package is compiled in
 * (`webpackMode: "eager"`: no extra files) but initialised only when asked: the nine packages cost about 50 MB of
 * memory and a quarter of a second at startup (measured in a bundle of the nine clients: 93 MB resident against
 * 44 MB without them), and a run uses two or three of them, a local-file review none.
 */
export const loadAthena = () => import(/* webpackMode: "eager" */ '@aws-sdk/client-athena');
export const loadBedrock = () => import(/* webpackMode: "eager" */ '@aws-sdk/client-bedrock');
export const loadBedrockRuntime = () => import(/* webpackMode: "eager" */ '@aws-sdk/client-bedrock-runtime');
export const loadCloudTrail = () => import(/* webpackMode: "eager" */ '@aws-sdk/client-cloudtrail');
export const loadGlue = () => import(/* webpackMode: "eager" */ '@aws-sdk/client-glue');
export const loadS3 = () => import(/* webpackMode: "eager" */ '@aws-sdk/client-s3');
export const loadSecurityHub = () => import(/* webpackMode: "eager" */ '@aws-sdk/client-securityhub');
export const loadSns = () => import(/* webpackMode: "eager" */ '@aws-sdk/client-sns');
export const loadSts = () => import(/* webpackMode: "eager" */ '@aws-sdk/client-sts');
