/**
 * What an envelope header value (ids, source, type, time) may hold: printable ASCII without quotes
 * or backslashes. The EventBridge Pipe's input template copies header values into JSON strings
 * without escaping, so anything else could not travel that path unchanged.
 */
export const HEADER_TEXT = /^[ !#-[\]-~]+$/;

export const HEADER_TEXT_RULE = 'must be printable ASCII without quotes or backslashes';
