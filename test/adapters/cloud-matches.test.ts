import { describe, expect, it } from 'vitest';
import { CLOUD_SPECS } from '../../entrypoints/lms.content/adapters/cloud';
import { CLOUD_MATCHES } from '../../entrypoints/lms.content/cloud-matches';

describe('where the content scripts run', () => {
  it('covers every host of every cloud vendor, and nothing else', () => {
    const fromSpecs = CLOUD_SPECS.flatMap((spec) => (spec.hosts ?? []).map((host) => `https://${host}/*`));
    expect(CLOUD_MATCHES.filter((match) => !match.includes('linkedin.com'))).toEqual(fromSpecs);
    expect(CLOUD_MATCHES).toContain('https://www.linkedin.com/learning/*');
  });
});
