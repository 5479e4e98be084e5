// The app root: global styles; each page renders itself as `children`. When the app starts (weapp) updates are
// offered; useLaunch would run only once the first page has mounted.
import type { PropsWithChildren } from 'react';
import { offerUpdates } from './services/appUpdate';
import './app.scss';

offerUpdates();

export default function App({ children }: PropsWithChildren) {
  return children;
}
