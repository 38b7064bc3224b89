import type { Poll } from '@plaza/contract';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Handler = (request: RecordedRequest) => Response | Promise<Response>;

/** A fetch that records every request and answers from `handler`. */
export function fakeFetch(handler: Handler) {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const recorded: RecordedRequest = {
      method: init.method ?? 'GET',
      url: new URL(String(input)),
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(recorded);
    return handler(recorded);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

export const errorJson = (status: number, code: string, message = code, extra: Record<string, string> = {}) =>
  json({ error: { code, message } }, status, extra);

export function poll(overrides: Partial<Poll> = {}): Poll {
  return {
    id: 'p1',
    question: 'Which day suits the town hall?',
    options: [
      { id: 'o1', label: 'Monday', votes: 2, voters: null },
      { id: 'o2', label: 'Friday', votes: 1, voters: null },
    ],
    multiple: false,
    maxChoices: 1,
    groupId: null,
    resultsVisibility: 'always',
    anonymous: false,
    minGroupSize: 5,
    closesAt: null,
    closedAt: null,
    closed: false,
    createdBy: { id: 'u-alex', name: 'Alex Morgan', avatarUrl: null, title: null },
    createdAt: '2026-11-01T08:00:00.000Z',
    totalVoters: 3,
    resultsVisible: true,
    resultsHiddenReason: null,
    myVote: [],
    canVote: true,
    canClose: false,
    ...overrides,
  };
}

export const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
