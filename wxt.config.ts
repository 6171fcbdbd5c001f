import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/**
 * Public half of the development signing key: it pins the extension ID to
 * `bgnjicjffkcfkndjddomcliapknpkgkm` for every unpacked build, so enterprise policy and the
 * server's allowed origin can name it. Store builds get their ID from the store instead.
 */
const DEV_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuOovjfHnuw83X0NaBpKtwsIaEN+I2dMRD0jbbEcDhJb9yMpjEFXbvc9U6ADoaruycBy8p/3iby4UdjnGX0kTL6zDBwkEj8SWTMCXwHPRz+lebE3uwtuAaEOAubyzdaEvXf2nU7qxSDsV/joHUBWgx3B/e0cwEoCyf80RiVdOUmoRQMAlu7Wt0xpYmhspbk/5te9w0+cgfSPHbsOP18wbmnvwM4LhMfAb9wX418ANm5z/p01Bv5XvVlWt6/xlE9Z7nvhcigvhPxhkC7omAZU+eXTqDpy9nJ6ZBtQvcrRNs5b68YmQM/nhgckW7nEzMgPkduT0uePGbTdAafP6uItLMQIDAQAB';

export default defineConfig({
  // Explicit imports everywhere, so every arrow of the import direction is visible in the code.
  imports: false,
  // `wxt` (dev) would try to launch a browser, which fails as root without a display.
  webExt: { disabled: true },
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    key: DEV_PUBLIC_KEY,
    permissions: ['storage', 'sidePanel', 'alarms', 'scripting', 'identity'],
    action: { default_title: '__MSG_extName__' },
    // What admins set through enterprise policy (chrome.storage.managed).
    storage: { managed_schema: 'managed_schema.json' },
    // Self-hosted LMS hosts are asked for at run time, one host at a time, never "all sites".
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  },
});
