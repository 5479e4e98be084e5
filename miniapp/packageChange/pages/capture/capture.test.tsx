// The capture page hands its query to the capture screen, and refuses a link without a valid material slot.
import { render, screen } from '@testing-library/react';
import { taroMock } from '../../../test/taro-mock';
import CapturePage from './index';

jest.mock('../../capture', () => ({
  CaptureScreen: (props: { changeId: string; kind: string; subject: string }) => <div data-testid="capture-screen">{`${props.changeId}|${props.subject}.${props.kind}`}</div>,
}));

it('opens the capture screen for the slot named in the query', () => {
  taroMock.setRouterParams({ changeId: 'c1', kind: 'id_front', subject: 'website_principal' });
  render(<CapturePage />);
  expect(screen.getByTestId('capture-screen').textContent).toBe('c1|website_principal.id_front');
});

it('explains a link with an unknown material instead of opening the camera', () => {
  taroMock.setRouterParams({ changeId: 'c1', kind: 'selfie', subject: 'website_principal' });
  render(<CapturePage />);
  expect(screen.queryByTestId('capture-screen')).toBeNull();
  expect(screen.getByText(/链接缺少要上传的资料信息/)).toBeTruthy();
});
