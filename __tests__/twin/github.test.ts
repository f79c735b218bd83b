import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import type { RunningTwin } from '../../twin/server.js';
import { control, startTestTwin } from './helpers.js';

let twin: RunningTwin;
let octokit: ReturnType<typeof getOctokit>;
const repo = { owner: 'octo-org', repo: 'infra' };

beforeAll(async () => {
  twin = await startTestTwin();
  octokit = getOctokit('ghs_twin', { baseUrl: `${twin.url}/github`, request: { retries: 0 } });
});
afterAll(async () => {
  await twin.close();
});
beforeEach(async () => {
  await control(twin.url, 'POST', '/_twin/reset');
});

async function status(
  p: Promise<unknown>,
): Promise<{ status: number; message: string; headers: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status: number; message: string; response?: { headers: Record<string, unknown> } };
    return { status: err.status, message: err.message, headers: err.response?.headers ?? {} };
  }
  throw new Error('expected an error');
}

describe('GitHub REST under /github', () => {
  it('reports the repository visibility, configurable through the control API', async () => {
    expect((await octokit.rest.repos.get(repo)).data).toMatchObject({
      full_name: 'octo-org/infra',
      private: true,
      visibility: 'private',
    });
    await control(twin.url, 'POST', '/_twin/github/repo', { private: false });
    expect((await octokit.rest.repos.get(repo)).data).toMatchObject({ private: false, visibility: 'public' });
    expect((await status(octokit.rest.repos.get({ owner: 'someone', repo: 'else' }))).status).toBe(404);
  });

  it('creates, finds by label, updates and closes issues; the control API shows them', async () => {
    const created = await octokit.rest.issues.create({
      ...repo,
      title: 'Finding A',
      body: 'b',
      labels: ['trailsight', 'high'],
    });
    expect(created.status).toBe(201);
    await octokit.rest.issues.create({ ...repo, title: 'Other', labels: ['misc'] });
    const found = await octokit.rest.issues.listForRepo({ ...repo, labels: 'trailsight', state: 'open' });
    expect(found.data.map((i) => i.number)).toEqual([created.data.number]);
    await octokit.rest.issues.update({
      ...repo,
      issue_number: created.data.number,
      state: 'closed',
      body: 'resolved',
    });
    expect((await octokit.rest.issues.listForRepo({ ...repo, labels: 'trailsight' })).data).toEqual([]);
    const closed = await octokit.rest.issues.get({ ...repo, issue_number: created.data.number });
    expect(closed.data).toMatchObject({ state: 'closed', state_reason: 'completed', body: 'resolved' });
    const search = await octokit.rest.search.issuesAndPullRequests({
      q: 'repo:octo-org/infra is:issue label:misc is:open',
    });
    expect(search.data.items.map((i) => i.title)).toEqual(['Other']);
    const { issues } = (await control(twin.url, 'GET', '/_twin/github/issues')) as {
      issues: { title: string }[];
    };
    expect(issues.map((i) => i.title).sort()).toEqual(['Finding A', 'Other']);
    expect((await octokit.rest.issues.getLabel({ ...repo, name: 'high' })).data.name).toBe('high');
    expect(
      (await status(octokit.rest.issues.createLabel({ ...repo, name: 'high', color: 'ff0000' }))).status,
    ).toBe(422);
  });

  it('paginates with Link headers that Octokit follows to the last page', async () => {
    for (let i = 0; i < 7; i++)
      await octokit.rest.issues.create({ ...repo, title: `issue ${i}`, labels: ['bulk'] });
    const first = await octokit.rest.issues.listForRepo({ ...repo, labels: 'bulk', per_page: 3 });
    expect(first.headers.link).toMatch(/rel="next".*rel="last"/);
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...repo,
      labels: 'bulk',
      per_page: 3,
    });
    expect(all).toHaveLength(7);
    expect(new Set(all.map((i) => i.number)).size).toBe(7);
  });

  it('rejects a body over 65,536 characters with 422 and accepts one at the limit', async () => {
    const err = await status(octokit.rest.issues.create({ ...repo, title: 't', body: 'x'.repeat(65_537) }));
    expect(err.status).toBe(422);
    expect(err.message).toContain('body is too long');
    await octokit.rest.issues.create({ ...repo, title: 't', body: 'x'.repeat(65_536) });
    const c = await status(
      octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: 'y'.repeat(65_537) }),
    );
    expect(c.status).toBe(422);
  });

  it('keeps a sticky PR comment: create, list, update', async () => {
    const made = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: '<!-- trailsight --> v1',
    });
    const listed = await octokit.rest.issues.listComments({ ...repo, issue_number: 1 });
    expect(listed.data.map((c) => c.id)).toEqual([made.data.id]);
    await octokit.rest.issues.updateComment({
      ...repo,
      comment_id: made.data.id,
      body: '<!-- trailsight --> v2',
    });
    const { comments } = (await control(twin.url, 'GET', '/_twin/github/comments')) as {
      comments: { body: string }[];
    };
    expect(comments.map((c) => c.body)).toEqual(['<!-- trailsight --> v2']);
    expect(
      (await status(octokit.rest.issues.createComment({ ...repo, issue_number: 999, body: 'x' }))).status,
    ).toBe(404);
  });

  it('requires a token and serves injected faults: secondary rate limit, 5xx, 403', async () => {
    const res = await fetch(`${twin.url}/github/repos/octo-org/infra`);
    expect(res.status).toBe(401);
    await control(twin.url, 'POST', '/_twin/faults', {
      operation: 'github:createIssue',
      kind: 'secondary-rate-limit',
    });
    const limited = await status(octokit.rest.issues.create({ ...repo, title: 't' }));
    expect(limited.status).toBe(403);
    expect(limited.message).toContain('secondary rate limit');
    expect(limited.headers['retry-after']).toBe('1');
    await control(twin.url, 'POST', '/_twin/faults', {
      operation: 'github:listIssues',
      kind: 'error',
      status: 502,
    });
    expect((await status(octokit.rest.issues.listForRepo(repo))).status).toBe(502);
    await control(twin.url, 'POST', '/_twin/faults', { operation: 'github:getRepo', kind: 'access-denied' });
    const denied = await status(octokit.rest.repos.get(repo));
    expect(denied).toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
  });
});
