import { randomUUID } from 'node:crypto';
import { errorResponse, jsonResponse } from '../protocol.js';
import type { ServiceHandler, TwinContext, TwinRequest, TwinResponse } from '../types.js';
import { TWIN_REPOSITORY } from './oidc.js';

/** GitHub's limit on an issue or comment body. */
export const GITHUB_MAX_BODY = 65_536;
const MAX_TITLE = 256;
const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

interface Issue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  pull_request?: boolean;
}

interface Comment {
  id: number;
  issue_number: number;
  body: string;
  created_at: string;
  updated_at: string;
}

interface GithubState {
  private: boolean;
  visibility: 'public' | 'private' | 'internal';
  nextId: number;
  nextNumber: number;
  issues: Map<number, Issue>;
  comments: Map<number, Comment>;
  labels: Map<string, Label>;
}

const states = new WeakMap<TwinContext, GithubState>();

function fresh(): GithubState {
  const now = new Date(0).toISOString();
  const s: GithubState = {
    private: true,
    visibility: 'private',
    nextId: 1000,
    nextNumber: 2,
    issues: new Map(),
    comments: new Map(),
    labels: new Map(),
  };
  // Pull request #1 exists, so sticky PR comments have somewhere to go (PRs are issues in the REST API).
  s.issues.set(1, {
    id: 999,
    number: 1,
    title: 'Deploy role: allow CloudTrail reads',
    body: 'Opened by the twin.',
    state: 'open',
    state_reason: null,
    labels: [],
    assignees: [],
    comments: 0,
    created_at: now,
    updated_at: now,
    closed_at: null,
    pull_request: true,
  });
  return s;
}

function state(ctx: TwinContext): GithubState {
  let s = states.get(ctx);
  if (!s) states.set(ctx, (s = fresh()));
  return s;
}

class GhError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function notFound(): GhError {
  return new GhError(404, 'Not Found', { documentation_url: 'https://docs.github.com/rest' });
}

function validationFailed(resource: string, field: string, code: string, message?: string): GhError {
  return new GhError(422, 'Validation Failed', {
    errors: [{ resource, code, field, ...(message ? { message } : {}) }],
    documentation_url: 'https://docs.github.com/rest',
  });
}

interface Route {
  method: string;
  pattern: RegExp;
  operation: string;
  run(ctx: TwinContext, req: TwinRequest, m: RegExpExecArray, repo: string): TwinResponse;
}

const R = String.raw`/repos/([^/]+)/([^/]+)`;
const routes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^${R}$`), operation: 'github:getRepo', run: getRepo },
  { method: 'GET', pattern: new RegExp(`^${R}/issues$`), operation: 'github:listIssues', run: listIssues },
  { method: 'POST', pattern: new RegExp(`^${R}/issues$`), operation: 'github:createIssue', run: createIssue },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/issues/comments/(\\d+)$`),
    operation: 'github:getComment',
    run: getComment,
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^${R}/issues/comments/(\\d+)$`),
    operation: 'github:updateComment',
    run: updateComment,
  },
  { method: 'GET', pattern: new RegExp(`^${R}/issues/(\\d+)$`), operation: 'github:getIssue', run: getIssue },
  {
    method: 'PATCH',
    pattern: new RegExp(`^${R}/issues/(\\d+)$`),
    operation: 'github:updateIssue',
    run: updateIssue,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/issues/(\\d+)/comments$`),
    operation: 'github:listComments',
    run: listComments,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${R}/issues/(\\d+)/comments$`),
    operation: 'github:createComment',
    run: createComment,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${R}/issues/(\\d+)/labels$`),
    operation: 'github:addLabels',
    run: addLabels,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${R}/labels/([^/]+)$`),
    operation: 'github:getLabel',
    run: getLabel,
  },
  { method: 'POST', pattern: new RegExp(`^${R}/labels$`), operation: 'github:createLabel', run: createLabel },
  { method: 'GET', pattern: /^\/search\/issues$/, operation: 'github:searchIssues', run: searchIssues },
];

function apiPath(req: TwinRequest): string {
  return req.path.replace(/^\/github/, '').replace(/\/+$/, '') || '/';
}

function findRoute(req: TwinRequest): { route: Route; m: RegExpExecArray } | undefined {
  const path = apiPath(req);
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, m };
  }
  return undefined;
}

/** GitHub REST under `/github`: repository, issues, comments and labels of `octo-org/infra`. */
export const githubHandler: ServiceHandler = {
  name: 'github',
  protocol: 'github',
  matches: (req) => req.path === '/github' || req.path.startsWith('/github/'),
  operation: (req) => findRoute(req)?.route.operation,
  reset: (ctx) => {
    states.delete(ctx);
  },
  async control(req, ctx) {
    const path = req.path.replace(/\/+$/, '');
    const s = state(ctx);
    if (req.method === 'GET' && path === '/_twin/github/issues') {
      return jsonResponse(200, {
        issues: [...s.issues.values()].filter((i) => !i.pull_request).map((i) => issueJson(ctx, i)),
      });
    }
    if (req.method === 'GET' && path === '/_twin/github/comments') {
      return jsonResponse(200, { comments: [...s.comments.values()].map((c) => commentJson(ctx, c)) });
    }
    if (req.method === 'POST' && path === '/_twin/github/repo') {
      const body = JSON.parse(req.body.toString('utf8') || '{}') as {
        private?: unknown;
        visibility?: unknown;
      };
      if (typeof body.private === 'boolean') {
        s.private = body.private;
        s.visibility = body.private ? 'private' : 'public';
      }
      if (body.visibility === 'public' || body.visibility === 'private' || body.visibility === 'internal') {
        s.visibility = body.visibility;
        s.private = body.visibility !== 'public';
      }
      return jsonResponse(200, { repository: TWIN_REPOSITORY, private: s.private, visibility: s.visibility });
    }
    return undefined;
  },
  async handle(req, ctx): Promise<TwinResponse> {
    const auth = String(req.headers.authorization ?? '');
    if (!/^(token|bearer) \S+/i.test(auth)) {
      return ghError(
        new GhError(401, 'Requires authentication', { documentation_url: 'https://docs.github.com/rest' }),
      );
    }
    const found = findRoute(req);
    if (!found) return ghError(notFound());
    try {
      const [, owner, name] = found.m;
      const repo = owner !== undefined && name !== undefined ? `${owner}/${name}` : TWIN_REPOSITORY;
      if (found.route.pattern.source.startsWith('^\\/repos') && repo.toLowerCase() !== TWIN_REPOSITORY)
        throw notFound();
      return found.route.run(ctx, req, found.m, repo);
    } catch (e) {
      if (e instanceof GhError) return ghError(e);
      if (e instanceof SyntaxError) return ghError(new GhError(400, 'Problems parsing JSON'));
      throw e;
    }
  },
};

function ghError(e: GhError): TwinResponse {
  const res = errorResponse('github', { status: e.status, code: 'GitHubError', message: e.message });
  return { ...res, body: JSON.stringify({ message: e.message, ...e.extra, status: String(e.status) }) };
}

function ok(status: number, body: unknown, headers: Record<string, string> = {}): TwinResponse {
  return jsonResponse(status, body, 'application/json; charset=utf-8', {
    'x-github-request-id': randomUUID(),
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-resource': 'core',
    ...headers,
  });
}

function readJson(req: TwinRequest): Record<string, unknown> {
  const v = JSON.parse(req.body.toString('utf8') || '{}') as unknown;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SyntaxError('not an object');
  return v as Record<string, unknown>;
}

function web(): string {
  return `https://github.com/${TWIN_REPOSITORY}`;
}

function api(ctx: TwinContext): string {
  return `${ctx.baseUrl}/github/repos/${TWIN_REPOSITORY}`;
}

function labelJson(ctx: TwinContext, l: Label): Record<string, unknown> {
  return {
    id: l.id,
    node_id: `LA_${l.id}`,
    url: `${api(ctx)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: false,
    description: l.description,
  };
}

function issueJson(ctx: TwinContext, i: Issue): Record<string, unknown> {
  const s = state(ctx);
  const user = (login: string) => ({ login, id: 1, type: 'User' });
  return {
    id: i.id,
    node_id: `I_${i.id}`,
    url: `${api(ctx)}/issues/${i.number}`,
    html_url: `${web()}/${i.pull_request ? 'pull' : 'issues'}/${i.number}`,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason,
    locked: false,
    user: BOT,
    labels: i.labels.map((n) =>
      labelJson(ctx, s.labels.get(n.toLowerCase()) ?? { id: 0, name: n, color: 'ededed', description: null }),
    ),
    assignee: i.assignees[0] ? user(i.assignees[0]) : null,
    assignees: i.assignees.map(user),
    comments: i.comments,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_at: i.closed_at,
    author_association: 'NONE',
    ...(i.pull_request
      ? { pull_request: { url: `${api(ctx)}/pulls/${i.number}`, html_url: `${web()}/pull/${i.number}` } }
      : {}),
  };
}

function commentJson(ctx: TwinContext, c: Comment): Record<string, unknown> {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${api(ctx)}/issues/comments/${c.id}`,
    html_url: `${web()}/issues/${c.issue_number}#issuecomment-${c.id}`,
    issue_url: `${api(ctx)}/issues/${c.issue_number}`,
    body: c.body,
    user: BOT,
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'NONE',
  };
}

/** One page of `items` and the `Link` header GitHub sends (`per_page` ≤ 100, default 30). */
function paginate<T>(
  ctx: TwinContext,
  req: TwinRequest,
  items: T[],
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(req.query.get('per_page') ?? 30) || 30, 1), 100);
  const pageNo = Math.max(Number(req.query.get('page') ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (p: number, rel: string): string => {
    const q = new URLSearchParams(req.query);
    q.set('page', String(p));
    q.set('per_page', String(perPage));
    return `<${ctx.baseUrl}${req.path}?${q.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (pageNo > 1) links.push(link(pageNo - 1, 'prev'));
  if (pageNo < last) links.push(link(pageNo + 1, 'next'), link(last, 'last'));
  if (pageNo > 1) links.push(link(1, 'first'));
  return {
    page: items.slice((pageNo - 1) * perPage, pageNo * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

function getRepo(ctx: TwinContext): TwinResponse {
  const s = state(ctx);
  const [owner = '', name = ''] = TWIN_REPOSITORY.split('/');
  return ok(200, {
    id: 2000002,
    node_id: 'R_twin',
    name,
    full_name: TWIN_REPOSITORY,
    private: s.private,
    visibility: s.visibility,
    owner: { login: owner, id: 1000001, type: 'Organization' },
    html_url: web(),
    url: api(ctx),
    default_branch: 'main',
    has_issues: true,
    archived: false,
  });
}

function checkBody(resource: string, body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (typeof body !== 'string') throw validationFailed(resource, 'body', 'invalid');
  if (body.length > GITHUB_MAX_BODY) {
    throw validationFailed(
      resource,
      'body',
      'custom',
      `body is too long (maximum is ${GITHUB_MAX_BODY} characters)`,
    );
  }
  return body;
}

function checkTitle(title: unknown): string {
  if (typeof title === 'number') return String(title);
  if (typeof title !== 'string' || title.trim() === '')
    throw validationFailed('Issue', 'title', 'missing_field');
  if (title.length > MAX_TITLE) {
    throw validationFailed(
      'Issue',
      'title',
      'custom',
      `title is too long (maximum is ${MAX_TITLE} characters)`,
    );
  }
  return title;
}

function labelNames(ctx: TwinContext, v: unknown): string[] {
  if (!Array.isArray(v)) throw validationFailed('Issue', 'labels', 'invalid');
  const names = v.map((x) =>
    typeof x === 'string' ? x : typeof x === 'object' && x && 'name' in x ? String(x.name) : '',
  );
  for (const n of names) ensureLabel(ctx, n);
  return [...new Set(names.filter((n) => n !== ''))];
}

// GitHub creates labels that an issue names but the repository lacks.
function ensureLabel(
  ctx: TwinContext,
  name: string,
  color = 'ededed',
  description: string | null = null,
): Label {
  const s = state(ctx);
  let l = s.labels.get(name.toLowerCase());
  if (!l) s.labels.set(name.toLowerCase(), (l = { id: s.nextId++, name, color, description }));
  return l;
}

function strings(v: unknown, field: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw validationFailed('Issue', field, 'invalid');
  return v;
}

function listIssues(ctx: TwinContext, req: TwinRequest): TwinResponse {
  const s = state(ctx);
  const st = req.query.get('state') ?? 'open';
  const labels = (req.query.get('labels') ?? '')
    .split(',')
    .filter(Boolean)
    .map((l) => l.toLowerCase());
  const direction = req.query.get('direction') ?? 'desc';
  const sort = req.query.get('sort') ?? 'created';
  const items = [...s.issues.values()]
    .filter((i) => st === 'all' || i.state === st)
    .filter((i) => labels.every((l) => i.labels.some((x) => x.toLowerCase() === l)))
    .sort((a, b) => {
      const ka = sort === 'updated' ? a.updated_at : a.created_at;
      const kb = sort === 'updated' ? b.updated_at : b.created_at;
      const c = ka < kb ? -1 : ka > kb ? 1 : a.number - b.number;
      return direction === 'asc' ? c : -c;
    });
  const { page, headers } = paginate(ctx, req, items);
  return ok(
    200,
    page.map((i) => issueJson(ctx, i)),
    headers,
  );
}

function searchIssues(ctx: TwinContext, req: TwinRequest): TwinResponse {
  const q = req.query.get('q') ?? '';
  if (q.trim() === '') throw validationFailed('Search', 'q', 'missing');
  const terms: string[] = [];
  const quals: [string, string][] = [];
  for (const m of q.matchAll(/(-?\w+):("[^"]*"|\S+)|"([^"]*)"|(\S+)/g)) {
    if (m[1]) quals.push([m[1].toLowerCase(), (m[2] ?? '').replace(/^"|"$/g, '')]);
    else terms.push((m[3] ?? m[4] ?? '').toLowerCase());
  }
  const items = [...state(ctx).issues.values()].filter((i) => {
    for (const [k, v] of quals) {
      if (k === 'repo' && v.toLowerCase() !== TWIN_REPOSITORY) return false;
      if (k === 'label' && !i.labels.some((l) => l.toLowerCase() === v.toLowerCase())) return false;
      if ((k === 'is' || k === 'state') && (v === 'open' || v === 'closed') && i.state !== v) return false;
      if (k === 'is' && v === 'issue' && i.pull_request) return false;
      if (k === 'is' && (v === 'pr' || v === 'pull-request') && !i.pull_request) return false;
      if (k === 'type' && v === 'issue' && i.pull_request) return false;
    }
    const text = `${i.title}\n${i.body ?? ''}`.toLowerCase();
    return terms.every((t) => text.includes(t));
  });
  const { page, headers } = paginate(ctx, req, items);
  return ok(
    200,
    {
      total_count: items.length,
      incomplete_results: false,
      items: page.map((i) => ({ ...issueJson(ctx, i), score: 1 })),
    },
    headers,
  );
}

function issueOf(ctx: TwinContext, m: RegExpExecArray): Issue {
  const i = state(ctx).issues.get(Number(m[3]));
  if (!i) throw notFound();
  return i;
}

function createIssue(ctx: TwinContext, req: TwinRequest): TwinResponse {
  const s = state(ctx);
  const input = readJson(req);
  const title = checkTitle(input.title);
  const body = checkBody('Issue', input.body);
  const now = new Date().toISOString();
  const issue: Issue = {
    id: s.nextId++,
    number: s.nextNumber++,
    title,
    body,
    state: 'open',
    state_reason: null,
    labels: input.labels === undefined ? [] : labelNames(ctx, input.labels),
    assignees: input.assignees === undefined ? [] : strings(input.assignees, 'assignees'),
    comments: 0,
    created_at: now,
    updated_at: now,
    closed_at: null,
  };
  s.issues.set(issue.number, issue);
  return ok(201, issueJson(ctx, issue), { location: `${api(ctx)}/issues/${issue.number}` });
}

function getIssue(ctx: TwinContext, _req: TwinRequest, m: RegExpExecArray): TwinResponse {
  return ok(200, issueJson(ctx, issueOf(ctx, m)));
}

function updateIssue(ctx: TwinContext, req: TwinRequest, m: RegExpExecArray): TwinResponse {
  const issue = issueOf(ctx, m);
  const input = readJson(req);
  const next = { ...issue };
  if (input.title !== undefined) next.title = checkTitle(input.title);
  if (input.body !== undefined) next.body = checkBody('Issue', input.body);
  if (input.labels !== undefined) next.labels = labelNames(ctx, input.labels);
  if (input.assignees !== undefined) next.assignees = strings(input.assignees, 'assignees');
  if (input.state !== undefined) {
    if (input.state !== 'open' && input.state !== 'closed')
      throw validationFailed('Issue', 'state', 'invalid');
    if (input.state !== issue.state) {
      next.state = input.state;
      next.closed_at = input.state === 'closed' ? new Date().toISOString() : null;
      next.state_reason = input.state === 'closed' ? String(input.state_reason ?? 'completed') : 'reopened';
    }
  }
  next.updated_at = new Date().toISOString();
  state(ctx).issues.set(issue.number, next);
  return ok(200, issueJson(ctx, next));
}

function listComments(ctx: TwinContext, req: TwinRequest, m: RegExpExecArray): TwinResponse {
  const issue = issueOf(ctx, m);
  const items = [...state(ctx).comments.values()]
    .filter((c) => c.issue_number === issue.number)
    .sort((a, b) => a.id - b.id);
  const { page, headers } = paginate(ctx, req, items);
  return ok(
    200,
    page.map((c) => commentJson(ctx, c)),
    headers,
  );
}

function createComment(ctx: TwinContext, req: TwinRequest, m: RegExpExecArray): TwinResponse {
  const s = state(ctx);
  const issue = issueOf(ctx, m);
  const input = readJson(req);
  const body = checkBody('IssueComment', input.body);
  if (body === null || body === '') throw validationFailed('IssueComment', 'body', 'missing_field');
  const now = new Date().toISOString();
  const c: Comment = { id: s.nextId++, issue_number: issue.number, body, created_at: now, updated_at: now };
  s.comments.set(c.id, c);
  issue.comments += 1;
  return ok(201, commentJson(ctx, c), { location: `${api(ctx)}/issues/comments/${c.id}` });
}

function commentOf(ctx: TwinContext, m: RegExpExecArray): Comment {
  const c = state(ctx).comments.get(Number(m[3]));
  if (!c) throw notFound();
  return c;
}

function getComment(ctx: TwinContext, _req: TwinRequest, m: RegExpExecArray): TwinResponse {
  return ok(200, commentJson(ctx, commentOf(ctx, m)));
}

function updateComment(ctx: TwinContext, req: TwinRequest, m: RegExpExecArray): TwinResponse {
  const c = commentOf(ctx, m);
  const body = checkBody('IssueComment', readJson(req).body);
  if (body === null || body === '') throw validationFailed('IssueComment', 'body', 'missing_field');
  c.body = body;
  c.updated_at = new Date().toISOString();
  return ok(200, commentJson(ctx, c));
}

function addLabels(ctx: TwinContext, req: TwinRequest, m: RegExpExecArray): TwinResponse {
  const issue = issueOf(ctx, m);
  const input = readJson(req);
  const names = labelNames(ctx, Array.isArray(input.labels) ? input.labels : []);
  issue.labels = [...new Set([...issue.labels, ...names])];
  const s = state(ctx);
  return ok(
    200,
    issue.labels.map((n) => labelJson(ctx, s.labels.get(n.toLowerCase()) as Label)),
  );
}

function getLabel(ctx: TwinContext, _req: TwinRequest, m: RegExpExecArray): TwinResponse {
  const name = decodeURIComponent(m[3] ?? '');
  const l = state(ctx).labels.get(name.toLowerCase());
  if (!l) throw notFound();
  return ok(200, labelJson(ctx, l));
}

function createLabel(ctx: TwinContext, req: TwinRequest): TwinResponse {
  const input = readJson(req);
  if (typeof input.name !== 'string' || input.name === '')
    throw validationFailed('Label', 'name', 'missing_field');
  if (state(ctx).labels.has(input.name.toLowerCase()))
    throw validationFailed('Label', 'name', 'already_exists');
  const color = typeof input.color === 'string' ? input.color.replace(/^#/, '') : 'ededed';
  if (!/^[0-9a-fA-F]{6}$/.test(color)) throw validationFailed('Label', 'color', 'invalid');
  const l = ensureLabel(
    ctx,
    input.name,
    color,
    typeof input.description === 'string' ? input.description : null,
  );
  return ok(201, labelJson(ctx, l));
}
