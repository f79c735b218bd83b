export const id = 69;
export const ids = [69];
export const modules = {

/***/ 1069:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   attributeBytes: () => (/* binding */ attributeBytes),
/* harmony export */   publishSns: () => (/* binding */ publishSns),
/* harmony export */   snsAttributes: () => (/* binding */ snsAttributes),
/* harmony export */   snsSubject: () => (/* binding */ snsSubject)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_sns__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8797);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _report_build_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5066);
/* harmony import */ var _report_limits_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5356);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3555);
/* harmony import */ var _report_redact_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(649);
/* harmony import */ var _report_sanitize_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1211);
/* harmony import */ var _report_text_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5655);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8522);









/** SNS message attributes subscribers filter on (a filter policy on `severity`, say). */
function snsAttributes(report, repository) {
    const attrs = {
        severity: { DataType: 'String', StringValue: (0,_report_build_js__WEBPACK_IMPORTED_MODULE_1__/* .maxSeverity */ .eL)(report.findings) ?? 'none' },
        findings_count: { DataType: 'Number', StringValue: String(report.findings.length) },
    };
    // SNS rejects empty attribute values, so an unknown repository is left out rather than sent blank.
    if (repository)
        attrs.repository = { DataType: 'String', StringValue: repository };
    return attrs;
}
/** Bytes SNS counts for the attributes: each name, data type and value. */
function attributeBytes(attrs) {
    let n = 0;
    for (const [name, v] of Object.entries(attrs)) {
        n +=
            Buffer.byteLength(name) + Buffer.byteLength(v.DataType ?? '') + Buffer.byteLength(v.StringValue ?? '');
    }
    return n;
}
/** The subject: ASCII, one line, under 100 characters, with the verdict and counts. */
function snsSubject(report, repository, redaction) {
    const repo = repository ? ` [${repository}]` : '';
    const s = (0,_report_sanitize_js__WEBPACK_IMPORTED_MODULE_7__/* .asciiLine */ .o)((0,_report_redact_js__WEBPACK_IMPORTED_MODULE_4__/* .redactText */ .Rd)(`TrailSight${repo}: ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .headline */ .Pl)(report)}`, redaction));
    return s.length > _report_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .LIMITS */ .b1.snsSubjectChars ? `${s.slice(0, _report_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .LIMITS */ .b1.snsSubjectChars - 3).trimEnd()}...` : s;
}
// The topic's own region: a topic in another region than the run's must be published to there.
function topicRegion(arn) {
    return /^arn:[^:]+:sns:([^:]+):/.exec(arn)?.[1];
}
/** `report-to: sns`: a plain-text message with filterable attributes, only when a finding reaches `sns-min-severity`. */
async function publishSns(report, config, deps, redaction) {
    const topic = config.reporting.snsTopicArn;
    if (!topic)
        throw new Error('sns needs sns-topic-arn');
    const min = config.reporting.snsMinSeverity;
    const hits = report.findings.filter((f) => (0,_types_js__WEBPACK_IMPORTED_MODULE_6__/* .severityRank */ .qs)(f.severity) >= (0,_types_js__WEBPACK_IMPORTED_MODULE_6__/* .severityRank */ .qs)(min));
    if (hits.length === 0) {
        const why = `no finding at or above sns-min-severity: ${min}`;
        deps.logger.info(`sns: ${why}; nothing sent`);
        return { name: 'sns', ok: true, skipped: why };
    }
    const repository = deps.context.repository;
    const attrs = snsAttributes(report, repository);
    const subject = snsSubject(report, repository, redaction);
    const budget = _report_limits_js__WEBPACK_IMPORTED_MODULE_2__/* .LIMITS */ .b1.snsMessageBytes - attributeBytes(attrs) - Buffer.byteLength(subject);
    const message = (0,_report_text_js__WEBPACK_IMPORTED_MODULE_5__/* .renderText */ .S)(report, { maxBytes: budget, redaction });
    try {
        const out = await (await deps.clients.sns(topicRegion(topic))).send(new _aws_sdk_client_sns__WEBPACK_IMPORTED_MODULE_8__/* .PublishCommand */ .D5G({ TopicArn: topic, Subject: subject, Message: message, MessageAttributes: attrs }));
        deps.logger.info(`sns: published message ${out.MessageId ?? '?'} to ${topic}`);
        return { name: 'sns', ok: true };
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(`Could not publish to ${topic}`, err);
    }
}


/***/ })

};
