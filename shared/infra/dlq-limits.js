// The size every service DLQ declares, and the size parked messages are shaped to fit
// (DLQ_MAX_MESSAGE_BYTES). 1 MiB, SQS's maximum: the largest EventBridge event (256 KB) plus a
// bounded reason fits whole. One number, given as a number to CloudFormation and as text to the
// functions' environment (Lambda environment values are strings).
const maximumMessageSize = 1048576;

module.exports = { maximumMessageSize, maximumMessageSizeText: String(maximumMessageSize) };
