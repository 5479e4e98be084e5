// The app root: zod's settings, global styles; each page renders itself as `children`.
import './zodConfig';
import type { PropsWithChildren } from 'react';
import './app.scss';

export default function App({ children }: PropsWithChildren) {
  return children;
}
