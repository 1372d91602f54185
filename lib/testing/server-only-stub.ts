// Stands in for the `server-only` package under Vitest, where there is no React Server Components
// bundler to enforce it. Production builds still get the real package.
export {};
