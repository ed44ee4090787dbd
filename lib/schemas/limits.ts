// Limits that the widget's browser bundle needs too. No zod here: the bundle must not pull it in
// (scripts/build-widget.ts fails the build if it does).

export const MAX_MESSAGE_LENGTH = 4000;
export const MAX_CSAT_COMMENT_LENGTH = 1_000;
