import type { ArticleStatus } from '$lib/core/types';

const STATUS_NAMES: Record<ArticleStatus, string> = {
	new: 'New',
	in_progress: 'In progress',
	done: 'Done',
	reviewed: 'Reviewed'
};

/** The status as users read it. */
export function statusName(status: ArticleStatus): string {
	return STATUS_NAMES[status] ?? status;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "5 minutes ago", "yesterday"; exact dates past a week. */
export function whenChanged(time: number, now = Date.now()): string {
	const seconds = Math.round((time - now) / 1000);
	const abs = Math.abs(seconds);
	if (abs < 45) return 'just now';
	if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
	if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
	if (abs < 7 * 86400) return relative.format(Math.round(seconds / 86400), 'day');
	return new Date(time).toLocaleDateString();
}
