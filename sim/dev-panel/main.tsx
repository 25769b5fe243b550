import { createRoot } from 'react-dom/client';
import { DevPanel } from './DevPanel';
import './panel.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<DevPanel />);
