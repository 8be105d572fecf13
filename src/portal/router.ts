import { createRouter, createWebHistory, type Router } from 'vue-router';

/** The portal's pages. Paths match the links the server mails (src/server/mail/links.ts). */
export function createPortalRouter(): Router {
  return createRouter({
    history: createWebHistory('/'),
    routes: [
      { path: '/', name: 'fairs', component: () => import('./pages/FairsPage.vue') },
      { path: '/fairs/:id', name: 'fair', component: () => import('./pages/FairPage.vue'), props: true },
      { path: '/sign-in', name: 'signIn', component: () => import('./pages/SignInPage.vue') },
      { path: '/my/responses', name: 'myResponses', component: () => import('./pages/MyResponsesPage.vue') },
      { path: '/my/chats', name: 'chats', component: () => import('./pages/MyChatsPage.vue') },
      { path: '/my/chats/:id', name: 'chat', component: () => import('./pages/ChatPage.vue'), props: true },
      { path: '/video-interviews', name: 'videoInterviews', component: () => import('./pages/VideoInterviewsPage.vue') },
      { path: '/video-interviews/:id/call', name: 'videoCall', component: () => import('./pages/VideoCallPage.vue'), props: true },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
    scrollBehavior: () => ({ top: 0 }),
  });
}
