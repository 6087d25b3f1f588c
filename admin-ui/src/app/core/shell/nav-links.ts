/** One entry of the side navigation. */
export interface NavLink {
  readonly path: string;
  readonly icon: string;
  /** Translation key of the label. */
  readonly label: string;
  readonly adminOnly: boolean;
}

export const NAV_LINKS: readonly NavLink[] = [
  { path: '/dashboard', icon: 'monitoring', label: 'nav.dashboard', adminOnly: false },
  { path: '/credentials', icon: 'key_vertical', label: 'nav.credentials', adminOnly: false },
  { path: '/models', icon: 'model_training', label: 'nav.models', adminOnly: false },
  { path: '/keys', icon: 'vpn_key', label: 'nav.keys', adminOnly: false },
  { path: '/logs', icon: 'receipt_long', label: 'nav.logs', adminOnly: false },
  { path: '/playground', icon: 'science', label: 'nav.playground', adminOnly: false },
  { path: '/users', icon: 'group', label: 'nav.users', adminOnly: true },
];
