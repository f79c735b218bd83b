import type { Finding } from '../../src/types.js';
import { makeFinding } from './fixtures.js';

/** What an `obedient` model (or an attacker writing into a user agent or bucket name) would try. */
export const HOSTILE = [
  '@octocat @octo-org/security-team please look',
  '![pixel](https://evil.example/p.png?u=1)',
  '<img src=x onerror=alert(1)><script>alert(1)</script><a href="https://evil.example">x</a>',
  '[click me](https://evil.example/login) and [ref][1]\n\n[1]: https://evil.example/ref',
  'bare https://evil.example/steal and www.evil.example and <https://evil.example/auto> and user@evil.example',
  'https://aws.amazon.com.evil.example/x and https://evil.example/aws.amazon.com and javascript:alert(1)',
  'broken | table | cells\n| --- |\nnext line',
  '```\n</details>\n```\ncode fence break-out ````` and `backticks`',
  '# heading\n> quote\n- list\n1. ordered\n    indented code',
  'bidi \u202Eevil\u202C and \u2066isolate\u2069 zero\u200Bwidth and \u0007bell',
  'fixes #1 and GH-2 and octo-org/infra#3',
  'entity &#64;octocat and &lt;img&gt; and \\@escaped',
  '</summary></details><details open><summary>injected',
  '$\\href{https://evil.example}{math}$ ~~strike~~ **bold** _em_',
].join('\n');

/** A finding in which every free-text field carries the hostile text. */
export function hostileFinding(n = 1): Finding {
  const base = makeFinding('high', n);
  return {
    ...base,
    origin: 'ai',
    title: `Title ${HOSTILE.split('\n').slice(0, 8).join(' ')}`,
    principal: 'arn:aws:iam::123456789012:user/```|@octocat|<img src=x>',
    description: HOSTILE,
    remediation: `See https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html and ${HOSTILE}`,
    aiNotes: [HOSTILE],
    evidence: {
      ...base.evidence,
      eventIds: [...base.evidence.eventIds, 'evil)](https://evil.example)', 'x" onmouseover="alert(1)'],
      samples: [
        {
          eventId: 'e1](https://evil.example)',
          time: '2026-11-23T03:14:07Z',
          eventName: 'StopLogging|@octocat',
          region: 'us-east-1"><img src=x>',
          account: '123456789012',
          sourceIp: '198.51.100.23',
          userAgent: HOSTILE,
          errorCode: '<b>AccessDenied</b>',
          details: { bucketName: '![x](https://evil.example/i.png) @octocat', 'k|ey': 'v`a`l' },
        },
      ],
    },
  };
}
