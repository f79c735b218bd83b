/** The version users see in the user agent and the report; kept equal to package.json by a test. */
export const VERSION = '0.1.0';
export const USER_AGENT = `trailsight/${VERSION}`;
