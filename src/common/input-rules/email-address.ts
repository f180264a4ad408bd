import { invalid, valid, type Checked } from './checked';
import { showValue } from './show-value';

const MAX_ADDRESS_LENGTH = 254; // RFC 5321 path limit minus the angle brackets
const MAX_LOCAL_PART_LENGTH = 64;
// RFC 5322 dot-atom, ASCII only: quoted local parts and IP-literal domains never name a campus mailbox.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/i;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const EXAMPLE = 'such as ada@example.edu';

function domainProblem(domain: string): string | null {
  const labels = domain.split('.');
  if (labels.length < 2) return `the domain ${showValue(domain)} has no dot`;
  if (labels.some((label) => !DOMAIN_LABEL.test(label))) return `the domain ${showValue(domain)} is not a host name`;
  if (/^\d+$/.test(labels[labels.length - 1])) return `the domain ${showValue(domain)} is not a host name`;
  return null;
}

/** `text` (trimmed) as a lower-case e-mail address; lower case so that the same person is one user. */
export function checkEmailAddress(text: string, label: string): Checked<string> {
  const address = text.trim();
  if (address === '') return invalid(`${label} is required`);
  const bracketed = /<([^<>]+)>/.exec(address);
  if (bracketed) {
    return invalid(`${label} ${showValue(address)} has a display name; write only the address (${showValue(bracketed[1].trim())})`);
  }
  const at = address.lastIndexOf('@');
  const reason =
    address.length > MAX_ADDRESS_LENGTH
      ? `it is longer than ${MAX_ADDRESS_LENGTH} characters`
      : at === -1
        ? 'it has no @'
        : address.indexOf('@') !== at
          ? 'it has more than one @'
          : at > MAX_LOCAL_PART_LENGTH
            ? `the part before @ is longer than ${MAX_LOCAL_PART_LENGTH} characters`
            : !LOCAL_PART.test(address.slice(0, at))
              ? `the part before @ is not a plain mailbox name (letters, digits, dots and ${"!#$%&'*+/=?^_`{|}~-"})`
              : domainProblem(address.slice(at + 1));
  if (reason !== null) return invalid(`${label} ${showValue(address)} is not an e-mail address ${EXAMPLE}: ${reason}`);
  return valid(address.toLowerCase());
}
