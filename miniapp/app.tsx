// The app root: global styles; each page renders itself as `children`. When the app starts (weapp), before any page
// can call a privacy API, the privacy consent gate takes over WeChat's privacy prompt and updates are offered;
// useLaunch would run only once the first page has mounted.
import type { PropsWithChildren } from 'react';
import { installPrivacyGate } from './components/ui/privacy';
import { offerUpdates } from './services/appUpdate';
import { installH5Accessibility } from './services/h5Accessibility';
import './app.scss';

installPrivacyGate();
offerUpdates();
installH5Accessibility();

export default function App({ children }: PropsWithChildren) {
  return children;
}
