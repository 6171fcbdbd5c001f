/**
 * Text limits shared by the server's schemas and the extension's forms. zod-free on purpose: the
 * content script imports these numbers and must stay small.
 */
export const REVIEW_TITLE_MAX_LENGTH = 120;
export const REVIEW_TEXT_MAX_LENGTH = 5000;
export const COMMENT_BODY_MAX_LENGTH = 10_000;
export const REPORT_NOTE_MAX_LENGTH = 500;
export const CONTRIBUTION_TITLE_MAX_LENGTH = 200;
export const CONTRIBUTION_TEXT_MAX_LENGTH = 1000;
export const CONTRIBUTION_URL_MAX_LENGTH = 2000;
export const POST_TITLE_MAX_LENGTH = 200;
export const POST_BODY_MAX_LENGTH = 20_000;
export const POST_ITEMS_MAX = 10;
