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

  it('denies every other permission, also to the app window (media included, even on the call route)', () => {
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(isPermissionAllowed(permission, 'file:///opt/fairdesk/out/renderer/index.html', built)).toBe(false);
      expect(isPermissionAllowed(permission, 'file:///opt/fairdesk/out/renderer/index.html#/video-interviews/1/call', built, false)).toBe(false);
    }
  });

  it('grants camera and microphone to the video window showing the app, and nothing else beyond notifications', () => {
    const call = 'file:///opt/fairdesk/out/renderer/index.html#/video-interviews/1/call';
    expect(isPermissionAllowed('media', call, built, true)).toBe(true);
    expect(isPermissionAllowed('media', 'http://localhost:5173/#/video-interviews/1/call', dev, true)).toBe(true);
    expect(isPermissionAllowed('notifications', call, built, true)).toBe(true);
    for (const permission of ['geolocation', 'clipboard-read', 'openExternal', 'display-capture', 'fullscreen']) {
      expect(isPermissionAllowed(permission, call, built, true)).toBe(false);
    }
  });

  it('denies media to whatever another page loaded in the video window asks', () => {
    expect(isPermissionAllowed('media', 'https://evil.example/', built, true)).toBe(false);
    expect(isPermissionAllowed('media', 'file:///tmp/other.html', built, true)).toBe(false);
    expect(isPermissionAllowed('media', '', built, true)).toBe(false);
  });
});
