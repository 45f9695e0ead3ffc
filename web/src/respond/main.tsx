import { render } from 'preact';
import { Respond } from './Respond';
import './respond.css';

render(<Respond />, document.getElementById('app')!);
