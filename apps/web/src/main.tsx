import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Ant Design's reset: no browser default margin around the layout, box-sizing as its components expect.
import 'antd/dist/reset.css';
import './i18n';
import App from './app';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
