import type { getOctokit } from '@actions/github';

/** An issue as publishing sees it. */
export interface IssueRef {
  number: number;
  title: string;
  body: string;
  url: string;
  state: string;
  labels: string[];
}

/** A comment as publishing sees it. */
export interface CommentRef {
  id: number;
  body: string;
  url: string;
}

/** The few GitHub REST calls TrailSight makes, behind a small interface so tests can pass a fake. */
export interface GitHubApi {
  /** GET /repos/{owner}/{repo}: whether the repository is private. */
  getRepository(owner: string, repo: string): Promise<{ private: boolean; visibility?: string }>;
  /** Open issues with a label, every page; pull requests are left out. */
  listOpenIssues(owner: string, repo: string, label: string): Promise<IssueRef[]>;
  createIssue(
    owner: string,
    repo: string,
    issue: { title: string; body: string; labels: string[]; assignees: string[] },
  ): Promise<IssueRef>;
  updateIssue(
    owner: string,
    repo: string,
    number: number,
    patch: {
      title?: string;
      body?: string;
      labels?: string[];
      state?: 'open' | 'closed';
      stateReason?: 'completed' | 'not_planned';
    },
  ): Promise<IssueRef>;
  /** Comments of an issue or pull request, every page. */
  listComments(owner: string, repo: string, issueNumber: number): Promise<CommentRef[]>;
  createComment(owner: string, repo: string, issueNumber: number, body: string): Promise<CommentRef>;
  updateComment(owner: string, repo: string, commentId: number, body: string): Promise<CommentRef>;
  /** Creates the label when the repository does not have it yet. */
  ensureLabel(
    owner: string,
    repo: string,
    label: { name: string; color: string; description: string },
  ): Promise<void>;
}

/** Options of the real client; tests shorten the retry delays and switch off the write throttle. */
export interface GitHubApiOptions {
  baseUrl: string;
  /** Milliseconds the retry plugin multiplies its backoff by (default 1000). */
  retryAfterBaseMs?: number;
  /** Retries of a failed request (default 3). */
  retries?: number;
  /** Octokit's per-route throttle (default on: GitHub asks integrations to space out content creation). */
  throttle?: boolean;
}

// Rate limits are retried a couple of times; beyond that the destination fails and the others go on.
const RATE_LIMIT_RETRIES = 2;

/**
 * The real GitHub client: Octokit from @actions/github with the retry and throttling plugins, loaded at the first
 * call (a chunk of its own in dist/, like the AWS SDK's packages): a run that publishes nowhere on GitHub does
 * not load it.
 */
export function createGitHubApi(token: string, opts: GitHubApiOptions): GitHubApi {
  let loading: Promise<ReturnType<typeof getOctokit>> | undefined;
  const client = (): Promise<ReturnType<typeof getOctokit>> =>
    (loading ??= (async () => {
      const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
        import('@actions/github'),
        import('@octokit/plugin-retry'),
        import('@octokit/plugin-throttling'),
      ]);
      return getOctokit(
        token,
        {
          baseUrl: opts.baseUrl.replace(/\/+$/, ''),
          retry: { retryAfterBaseValue: opts.retryAfterBaseMs ?? 1000, retries: opts.retries ?? 3 },
          throttle: {
            enabled: opts.throttle ?? true,
            onRateLimit: (_after: number, _o: unknown, _k: unknown, count: number) =>
              count < RATE_LIMIT_RETRIES,
            onSecondaryRateLimit: (_after: number, _o: unknown, _k: unknown, count: number) =>
              count < RATE_LIMIT_RETRIES,
          },
        },
        retry,
        throttling,
      );
    })());
  const issue = (i: {
    number: number;
    title: string;
    body?: string | null;
    html_url: string;
    state: string;
    labels: (string | { name?: string })[];
  }): IssueRef => ({
    number: i.number,
    title: i.title,
    body: i.body ?? '',
    url: i.html_url,
    state: i.state,
    labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((l) => l !== ''),
  });
  const comment = (c: { id: number; body?: string; html_url: string }): CommentRef => ({
    id: c.id,
    body: c.body ?? '',
    url: c.html_url,
  });
  return {
    async getRepository(owner, repo) {
      const octokit = await client();
      const { data } = await octokit.rest.repos.get({ owner, repo });
      return { private: data.private, ...(data.visibility ? { visibility: data.visibility } : {}) };
    },
    async listOpenIssues(owner, repo, label) {
      const octokit = await client();
      const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
        owner,
        repo,
        labels: label,
        state: 'open',
        per_page: 100,
      });
      return all.filter((i) => !i.pull_request).map(issue);
    },
    async createIssue(owner, repo, i) {
      const octokit = await client();
      const { data } = await octokit.rest.issues.create({ owner, repo, ...i });
      return issue(data);
    },
    async updateIssue(owner, repo, number, patch) {
      const octokit = await client();
      const { stateReason, ...rest } = patch;
      const { data } = await octokit.rest.issues.update({
        owner,
        repo,
        issue_number: number,
        ...rest,
        ...(stateReason ? { state_reason: stateReason } : {}),
      });
      return issue(data);
    },
    async listComments(owner, repo, issueNumber) {
      const octokit = await client();
      const all = await octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issueNumber,
        per_page: 100,
      });
      return all.map(comment);
    },
    async createComment(owner, repo, issueNumber, body) {
      const octokit = await client();
      const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issueNumber,
        body,
      });
      return comment(data);
    },
    async updateComment(owner, repo, commentId, body) {
      const octokit = await client();
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
      return comment(data);
    },
    async ensureLabel(owner, repo, label) {
      const octokit = await client();
      try {
        await octokit.rest.issues.getLabel({ owner, repo, name: label.name });
        return;
      } catch (err) {
        if ((err as { status?: number }).status !== 404) throw err;
      }
      try {
        await octokit.rest.issues.createLabel({ owner, repo, ...label });
      } catch (err) {
        // 422 "already_exists": another run created it between our two calls.
        if ((err as { status?: number }).status !== 422) throw err;
      }
    },
  };
}
