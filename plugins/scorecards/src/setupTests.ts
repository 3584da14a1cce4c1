import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy*/waitFor wait up to 5 s: the page tests debounce input and lazy-load
// extensions, which can take longer than the 1 s default on a loaded machine.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5000 });
