/**
 * Each page's view, loaded when its route is first opened: a page downloads its own code (and the widgets
 * it uses), not every page's. Vite makes a chunk per view; shared widgets and chart.js go in shared chunks.
 */
import type { Component } from 'svelte';
import type { Route, RouteName } from '../lib/routes.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- views take different props (code, route)
type ViewModule = { default: Component<any> };

const VIEWS: Partial<Record<RouteName, () => Promise<ViewModule>>> = {
  national: () => import('./national/NationalView.svelte'),
  prefecture: () => import('./prefecture/PrefectureView.svelte'),
  municipality: () => import('./municipality/MunicipalityView.svelte'),
  at_risk: () => import('./at-risk/AtRiskView.svelte'),
  offices: () => import('./offices/OfficesView.svelte'),
  standardization: () => import('./standardization/StandardizationView.svelte'),
  subsidies: () => import('./subsidies/SubsidiesView.svelte'),
  data: () => import('./data/DataView.svelte'),
  definitions: () => import('./definitions/DefinitionsView.svelte'),
  report: () => import('./report/ReportView.svelte'),
  password: () => import('./account/PasswordView.svelte'),
  admin_users: () => import('./admin/UsersView.svelte'),
  admin_audit: () => import('./admin/AuditView.svelte'),
  notifications: () => import('./notifications/NotificationsView.svelte'),
  unsubscribe: () => import('./notifications/UnsubscribeView.svelte'),
};

/** The view of a route and its props, or undefined for an unknown path. */
export function loadView(route: Route): Promise<{ View: ViewModule['default']; props: Record<string, unknown> }> | undefined {
  const load = VIEWS[route.name];
  if (!load) return undefined;
  const props = route.name === 'report' ? { route } : route.code !== undefined ? { code: route.code } : {};
  return load().then((module) => ({ View: module.default, props }));
}
