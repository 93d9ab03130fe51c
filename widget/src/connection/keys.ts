// The localStorage keys of one site's widget on this device (nothing is written before the visitor
// interacts: opening the chat or sending a message).

export interface StorageKeys {
  /** The signed visitor token: present once a conversation was started on this device. */
  token: string;
  /** Messages typed but not yet acknowledged (shared by every tab). */
  outbox: string;
  /** The last message seq the visitor has seen (drives the unread badge in every tab). */
  read: string;
  /** "1" when the visitor left the panel open. */
  open: string;
}

export function storageKeys(site: string): StorageKeys {
  const p = `parley:${site}:`;
  return { token: `${p}token`, outbox: `${p}outbox`, read: `${p}read`, open: `${p}open` };
}
