/**
 * A deliberately small Markdown → HTML rendering of the README for the playground's "connect Slack or
 * Discord" links (`/readme#slack`): headings get GitHub-style anchors, code fences become <pre>,
 * everything else is escaped text with links. Not a general Markdown renderer.
 */

export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function inline(text: string): string {
  return escapeText(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|#|\/)[^)\s]*)\)/g, '<a href="$2">$1</a>');
}

export function renderReadme(markdown: string): string {
  const out: string[] = [];
  let fence: string[] | null = null;
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
    paragraph = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (fence) {
      if (/^```/.test(line)) {
        out.push(`<pre>${escapeText(fence.join('\n'))}</pre>`);
        fence = null;
      } else fence.push(line);
      continue;
    }
    if (/^```/.test(line)) {
      flush();
      fence = [];
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      const text = heading[2]!;
      out.push(`<h${level} id="${escapeText(headingSlug(text))}">${inline(text)}</h${level}>`);
      continue;
    }
    if (line.trim() === '' || /^<!--.*-->$/.test(line.trim())) flush();
    else paragraph.push(line);
  }
  if (fence) out.push(`<pre>${escapeText(fence.join('\n'))}</pre>`);
  flush();
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Convene README</title><link rel="stylesheet" href="/playground/static/style.css"></head><body class="readme"><main>${out.join('\n')}</main></body></html>`;
}
