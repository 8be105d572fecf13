import { describe, expect, it } from 'vitest';
import { isPermissionAllowed, type AppLocation } from './security';

const built: AppLocation = { kind: 'file', indexHtml: '/opt/fairdesk/out/renderer/index.html' };
const dev: AppLocation = { kind: 'dev', url: 'http://localhost:5173/' };

describe('isPermissionAllowed', () => {
  it('lets the app itself show notifications, on any of its routes', () => {
    expect(isPermissionAllowed('notifications', 'file:///opt/fairdesk/out/renderer/index.html#/chats', built)).toBe(true);
    expect(isPermissionAllowed('notifications', 'http://localhost:5173/#/chats/1', dev)).toBe(true);
  });

  it('denies notifications to any other page', () => {
    expect(isPermissionAllowed('notifications', 'https://evil.example/', built)).toBe(false);
    expect(isPermissionAllowed('notifications', 'file:///tmp/other.html', built)).toBe(false);
    expect(isPermissionAllowed('notifications', '', built)).toBe(false);
  });

  it('denies every other permission, also to the app', () => {
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(isPermissionAllowed(permission, 'file:///opt/fairdesk/out/renderer/index.html', built)).toBe(false);
    }
  });
});
