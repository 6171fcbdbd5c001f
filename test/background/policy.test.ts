import { describe, expect, it } from 'vitest';
import { hostToMatchPattern, pageConfigFrom } from '../../entrypoints/background/policy';

describe('enterprise policy', () => {
  it('turns the admin’s LMS hosts into match patterns for one host each, never all sites', () => {
    expect(hostToMatchPattern('learn.acme.com')).toBe('*://learn.acme.com/*');
    expect(hostToMatchPattern('https://learn.acme.com/moodle/')).toBe('https://learn.acme.com/moodle/*');
    expect(hostToMatchPattern('https://learn.acme.com')).toBe('https://learn.acme.com/*');
    expect(hostToMatchPattern('learn.acme.com:8443')).toBe('*://learn.acme.com/*');
    expect(hostToMatchPattern('https://learn.acme.com/*')).toBe('https://learn.acme.com/*');
    for (const bad of ['', 'not a host', 'javascript:alert(1)', '<all_urls>', 'learn acme com']) {
      expect(hostToMatchPattern(bad), bad).toBeNull();
    }
  });

  it('passes valid custom adapters on to pages, with the features switched off', () => {
    const config = pageConfigFrom({
      adapters: JSON.stringify({ adapters: [{ id: 'canvas', hosts: ['canvas.acme.edu'] }] }),
      disabledFeatures: ['popular-shelf'],
    });
    expect(config).toMatchObject({ adapters: [{ id: 'canvas', hosts: ['canvas.acme.edu'] }], disabledFeatures: ['popular-shelf'] });
    expect(config.adapterError).toBeUndefined();
  });

  it('reports a broken adapter config instead of passing it on, so built-in adapters keep working', () => {
    expect(pageConfigFrom({ adapters: '{not json' })).toMatchObject({ adapters: [], adapterError: expect.stringMatching(/^not JSON/) });
    const invalid = pageConfigFrom({ adapters: JSON.stringify({ adapters: [{ id: 'Bad Id!' }] }) });
    expect(invalid.adapters).toEqual([]);
    expect(invalid.adapterError).toMatch(/adapters\.0\.id/);
  });

  it('adds what the server’s kill switch turns off to what the policy does', () => {
    const config = pageConfigFrom({ disabledFeatures: ['rating'] }, { disabledAdapters: ['docebo'], disabledFeatures: ['tile-badge'] });
    expect(config.disabledFeatures.sort()).toEqual(['rating', 'tile-badge']);
    expect(config.disabledAdapters).toEqual(['docebo']);
  });
});
