/** Sign-in, the account menu, the password change and the second factor. */
export { ChangePasswordForm } from './components/ChangePasswordForm.tsx';
export { SignInPanel } from './components/SignInPanel.tsx';
export { TwoFactorSetup } from './components/TwoFactorSetup.tsx';
export { UserMenu } from './components/UserMenu.tsx';
export { scopeText } from './labels.ts';
