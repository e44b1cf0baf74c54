import { describe, expect, it } from 'vitest';
import { aliasOf, keepsSelector } from '../build/bootstrapItaliaChrome';

describe('Bootstrap Italia cut down to the chrome', () => {
  it('keeps the chrome components and their states', () => {
    expect(keepsSelector('.btn')).toBe(true);
    expect(keepsSelector('.btn-primary:hover')).toBe(true);
    expect(keepsSelector('textarea.form-control')).toBe(true);
    expect(keepsSelector('.it-header-slim-wrapper .it-header-slim-wrapper-content a')).toBe(true);
    expect(keepsSelector('.form-control:focus:not([data-focus-mouse=true])')).toBe(true);
  });

  it('drops the global reset: selectors without a class, or whose class is only negated', () => {
    expect(keepsSelector('body')).toBe(false);
    expect(keepsSelector('h1')).toBe(false);
    expect(keepsSelector('input[type=text]')).toBe(false);
    expect(keepsSelector('a[href$=".pdf"]')).toBe(false);
    expect(keepsSelector('[data-focus-mouse=true]:not(.btn)')).toBe(false);
    expect(keepsSelector('p a:focus:not([data-focus-mouse=true],.btn)')).toBe(false);
  });

  it('drops the components whose classes clash with ours or the canvas', () => {
    expect(keepsSelector('.card')).toBe(false);
    expect(keepsSelector('.section')).toBe(false);
    expect(keepsSelector('.avatar')).toBe(false);
    expect(keepsSelector('.lead')).toBe(false);
    expect(keepsSelector('.bg-dark .btn')).toBe(false);
  });

  it('gives our older button classes the same rules', () => {
    expect(aliasOf('.btn:hover')).toBe('.button:hover');
    expect(aliasOf('.btn-outline-primary')).toBe('.button--secondary');
    expect(aliasOf('.btn.btn-xs')).toBe('.button.button--small');
    expect(aliasOf('.btn-link')).toBeNull();
    expect(aliasOf('.form-control')).toBeNull();
  });
});
