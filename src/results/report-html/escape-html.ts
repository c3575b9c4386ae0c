// Escaping for everything the HTML reports put into markup or inline scripts: run ids, service
// names and criterion text come from config and the target, so none of it is trusted as markup.
// Runs in: Node.

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside element content and quoted attribute values. */
export function escapeHtml(text: string | number | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch]);
}

/**
 * JSON safe inside `<script type="application/json">`: `</` (and `<!--`) could end the element or
 * start a comment, and U+2028/U+2029 break older JS parsers, so all become `\u` escapes that
 * JSON.parse turns back into the same characters.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
