/** What a notice is about. Fixed names (PRODUCT.md). */
export const NOTICE_KINDS = ['MILESTONE', 'RELEASE_PUBLISHED', 'END_OF_SUPPORT_CHANGED', 'ESCALATION', 'WAIVER_EXPIRED'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** A milestone record is SENT (its notices were made) or SUPERSEDED (crossed while a later one was sent instead). */
export const NOTICE_RECORD_STATUSES = ['SENT', 'SUPERSEDED'] as const;
export type NoticeRecordStatus = (typeof NOTICE_RECORD_STATUSES)[number];
