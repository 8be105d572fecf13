import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import AppShell from '../layouts/AppShell.vue';
import ApplicationsQueuePage from '../pages/ApplicationsQueuePage.vue';
import ChatsPage from '../pages/ChatsPage.vue';
import FairOverviewPage from '../pages/FairOverviewPage.vue';
import FairsPage from '../pages/FairsPage.vue';
import LoginPage from '../pages/LoginPage.vue';
import MyApplicationsPage from '../pages/MyApplicationsPage.vue';
import MyFairsPage from '../pages/MyFairsPage.vue';
import ParticipationEditorPage from '../pages/ParticipationEditorPage.vue';
import ParticipationReviewPage from '../pages/ParticipationReviewPage.vue';
import ResponsesPage from '../pages/ResponsesPage.vue';
import StandsPage from '../pages/StandsPage.vue';
import VacancyLibraryPage from '../pages/VacancyLibraryPage.vue';
import VideoCallPage from '../pages/VideoCallPage.vue';
import VideoInterviewsPage from '../pages/VideoInterviewsPage.vue';
import { useSessionStore } from '../stores/session';
import { homeRouteFor, mayOpen } from './navigation';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
  {
    path: '/',
    name: 'home',
    component: AppShell,
    children: [
      { path: 'queue', name: 'queue', component: ApplicationsQueuePage },
      { path: 'participation-review', name: 'participation-review', component: ParticipationReviewPage },
      { path: 'fairs', name: 'fairs', component: FairsPage, props: { mine: false } },
      { path: 'fair-overview/:fairId?', name: 'fair-overview', component: FairOverviewPage, props: true },
      { path: 'my-applications', name: 'my-applications', component: MyApplicationsPage },
      { path: 'my-fairs', name: 'my-fairs', component: MyFairsPage },
      { path: 'my-fairs/:id', name: 'participation', component: ParticipationEditorPage, props: true },
      { path: 'responses', name: 'responses', component: ResponsesPage },
      { path: 'stands', name: 'stands', component: StandsPage },
      { path: 'vacancies', name: 'vacancies', component: VacancyLibraryPage },
      { path: 'chats/:conversationId?', name: 'chats', component: ChatsPage, props: true },
      { path: 'video-interviews', name: 'interviews', component: VideoInterviewsPage },
    ],
  },
  // A call fills its window (the Electron video window, or the browser host's page): no app shell.
  { path: '/video-interviews/:id/call', name: 'video-call', component: VideoCallPage, props: true },
  { path: '/:unknown(.*)*', redirect: '/' },
];

/**
 * Hash history: the renderer is loaded from `file://` in Electron, where path-based URLs cannot
 * be resolved. Guards send signed-out users to the login page and each role to its own sections.
 */
export function createAppRouter() {
  const router = createRouter({ history: createWebHashHistory(), routes });

  router.beforeEach(async (to) => {
    const sessionStore = useSessionStore();
    await sessionStore.restore();
    const user = sessionStore.user;
    if (to.meta.public) {
      return user && to.name === 'login' ? { name: homeRouteFor(user.role) } : true;
    }
    if (!user) return { name: 'login' };
    const name = typeof to.name === 'string' ? to.name : '';
    if (!mayOpen(user.role, name)) return { name: homeRouteFor(user.role) };
    return true;
  });

  return router;
}
