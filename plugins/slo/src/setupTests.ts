import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The dialog tests type, submit and wait for the refreshed list; on a loaded
// two-core CI machine that can take longer than jest's 5 s default.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5000 });
