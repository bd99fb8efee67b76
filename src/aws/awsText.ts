/**
 * Text that came from AWS (or from a file the user opened), made inert for the places VS Code reads
 * markup in, and the message of anything thrown: written once on the floor below (src/backup/text.ts),
 * where pitr-lint and src/ui read them too; the AWS layer's callers keep reading them here.
 */
export { errorText, messageOf, noIcons, noLinks } from '../backup/text';
