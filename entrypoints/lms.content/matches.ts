/**
 * Pages Ripple's content scripts run on. Loopback serves the embedded demo LMS and local installs;
 * company LMS hosts come from policy or are granted by the learner at runtime.
 */
export const LMS_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];
