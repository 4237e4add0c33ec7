import type { ClientInit } from '@sveltejs/kit';
import { prestartSuggestionWorker } from '$lib/suggest/engine-client';

/**
 * The app starting on an article's address: the suggestion worker starts now, before the router
 * and the page, so its language model is loading while the article is read and drawn.
 */
export const init: ClientInit = () => {
	if (/\/article\/?$/.test(location.pathname)) prestartSuggestionWorker();
};
