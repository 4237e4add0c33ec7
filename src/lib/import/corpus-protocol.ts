/** Messages between the app and the corpus import worker. Plain data: they cross `postMessage`. */
import type { FormatName, OffsetUnit } from '$lib/core/codecs/codec';
import type { DuplicatePolicy, ImportReport } from '$lib/db';

export type ToWorker =
	| {
			readonly type: 'read';
			readonly dbName: string;
			readonly files: readonly File[];
			readonly annotator: string;
			readonly now: number;
			readonly format?: FormatName;
			readonly offsets?: OffsetUnit;
	  }
	/** Write what was read (the good records), treating stored texts by `duplicates`. */
	| { readonly type: 'write'; readonly duplicates: DuplicatePolicy; /** Every span is a suggestion of this source (a model's output). */ readonly asSuggestions?: string }
	/** Stop reading or writing; drop what was read. */
	| { readonly type: 'cancel' };

/** At most this many error messages travel to the page; `errorCount` says how many there were. */
export const MAX_ERRORS_SHOWN = 200;

export type FromWorker =
	| { readonly type: 'progress'; readonly phase: 'reading' | 'writing'; readonly done: number; readonly total: number }
	| {
			readonly type: 'read';
			readonly records: number;
			readonly spans: number;
			/** The files hold a workspace backup: labels, settings and decisions are restored too. */
			readonly backup: boolean;
			/** Records whose text the library already has. */
			readonly duplicates: number;
			readonly errors: readonly string[];
			readonly errorCount: number;
			readonly formats: Readonly<Record<string, FormatName>>;
	  }
	| { readonly type: 'written'; readonly report: ImportReport; readonly restoredBackup: boolean }
	| { readonly type: 'cancelled'; readonly phase: 'reading' | 'writing'; readonly written: number }
	| { readonly type: 'failed'; readonly message: string };
