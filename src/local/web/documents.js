/**
 * The page's Feishu-document stand-in (the "文档" tab): the fake drive's documents, each editable by the
 * person the page acts as. Saving raises the document's revision; when the bot subscribed to it, the
 * fake pushes drive.file.edit_v1 to the bot. Links to https://example.feishu.cn/docx/<token> in cards
 * open here instead of leaving the page.
 */
import { escapeHtml } from './card-renderer.js';

const DOC_LINK = /^https:\/\/example\.feishu\.cn\/docx\/([A-Za-z0-9]{27})(?:[/?#].*)?$/;

/** The document token of a link to the fake drive, or null for any other address. */
export function docTokenOf(href) {
  const m = DOC_LINK.exec(String(href ?? ''));
  return m ? m[1] : null;
}

const timeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const when = (iso) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : timeFmt.format(d);
};

/**
 * @param {{ api: (path: string, body?: unknown) => Promise<any>, me: () => string, nameOf: (openId: string) => string,
 *           showToast: (type: string, content: string) => void, show: () => void, list: HTMLElement, editor: HTMLElement }} o
 */
export function createDocumentsPanel(o) {
  /** token → document view (src/local/API.md, documents). */
  const docs = new Map();
  /** The open document: its token and the revision its text was loaded at. */
  let open = null;
  let saving = false;

  function rowHtml(d) {
    const tags = [d.subscribed ? '<span class="doc-tag">助手已订阅</span>' : '', d.botCanRead ? '' : '<span class="doc-tag doc-tag-warn">助手无权读取</span>']
      .filter(Boolean)
      .join('');
    return (
      `<button type="button" class="doc-row" data-token="${escapeHtml(d.token)}" data-testid="doc-${escapeHtml(d.token)}">` +
      `<span class="doc-title">${escapeHtml(d.title)}</span>` +
      `<span class="doc-meta">第 ${d.revision} 版 · ${escapeHtml(d.modifiedByName)} 编辑于 ${escapeHtml(when(d.modifiedAt))}${tags}</span>` +
      '</button>'
    );
  }

  function renderList() {
    const all = [...docs.values()];
    o.list.innerHTML = all.length ? all.map(rowHtml).join('') : '<div class="muted">还没有文档。</div>';
  }

  function renderEditor(note = '') {
    if (!open) {
      o.editor.hidden = true;
      o.list.hidden = false;
      return;
    }
    const d = docs.get(open.token);
    if (!d) return;
    o.list.hidden = true;
    o.editor.hidden = false;
    o.editor.innerHTML =
      '<div class="doc-editor-bar">' +
      '<button type="button" class="btn btn-small" data-doc-action="back">返回列表</button>' +
      `<span class="doc-revision" data-testid="doc-revision">第 ${open.revision} 版</span></div>` +
      `<h3 class="doc-editor-title">${escapeHtml(d.title)}</h3>` +
      `<div class="doc-link"><span data-testid="doc-url">${escapeHtml(d.url)}</span>` +
      '<button type="button" class="btn btn-small" data-doc-action="copy">复制链接</button></div>' +
      `<div class="doc-meta">最后编辑：${escapeHtml(d.modifiedByName)} · ${escapeHtml(when(d.modifiedAt))}</div>` +
      (note ? `<div class="doc-note" role="status">${escapeHtml(note)}</div>` : '') +
      `<textarea class="doc-text" data-testid="doc-text" aria-label="文档内容">${escapeHtml(open.text)}</textarea>` +
      `<div class="doc-editor-foot"><span class="muted">以「${escapeHtml(o.nameOf(o.me()))}」的身份编辑</span>` +
      '<button type="button" class="btn btn-primary" data-doc-action="save" data-testid="doc-save">保存修改</button></div>';
  }

  function openDocument(token) {
    const d = docs.get(token);
    if (!d) {
      o.showToast('warning', '本地体验环境中没有这份文档。');
      return;
    }
    open = { token, revision: d.revision, text: d.text, dirty: false };
    renderEditor();
    o.show();
  }

  async function save() {
    if (!open || saving) return;
    const textarea = o.editor.querySelector('textarea.doc-text');
    const text = textarea ? textarea.value : open.text;
    saving = true;
    try {
      const r = await o.api('/documents/edit', { token: open.token, by: o.me(), text, revision: open.revision });
      await refresh();
      open = { ...open, revision: r.revision, text, dirty: false };
      renderEditor();
      if (r.unchanged) o.showToast('info', '内容没有变化，未保存新版本。');
      else o.showToast('success', `已保存，文档现为第 ${r.revision} 版${r.notified ? '，已通知三办助手' : ''}。`);
    } catch (err) {
      o.showToast('error', err.message);
    } finally {
      saving = false;
    }
  }

  /** The link to paste into a command (e.g. 审核 提交 <标题> <链接>), as one copies a Feishu document's link. */
  async function copyLink() {
    const url = open ? docs.get(open.token)?.url : '';
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      o.showToast('success', '文档链接已复制，可粘贴到消息中。');
    } catch {
      const node = o.editor.querySelector('[data-testid="doc-url"]');
      if (node) window.getSelection()?.selectAllChildren(node);
      o.showToast('info', '已选中文档链接，请按 Ctrl+C 复制。');
    }
  }

  o.list.addEventListener('click', (e) => {
    const row = e.target.closest('[data-token]');
    if (row) openDocument(row.dataset.token);
  });
  o.editor.addEventListener('click', (e) => {
    const action = e.target.closest('[data-doc-action]')?.dataset.docAction;
    if (action === 'back') {
      open = null;
      renderEditor();
      renderList();
    } else if (action === 'save') save();
    else if (action === 'copy') copyLink();
  });
  o.editor.addEventListener('input', (e) => {
    if (open && e.target.matches('textarea.doc-text')) open.dirty = true;
  });

  /** A document changed (the stream's `document` event, or a reload). */
  function update(d) {
    if (!d || !d.token) return;
    docs.set(d.token, d);
    // While our own save is in flight, its echo is not someone else's edit: save() re-renders when done.
    if (saving && open && open.token === d.token) return;
    if (open && open.token === d.token && d.revision !== open.revision) {
      if (open.dirty) {
        // Keep what the person typed; saving it now is refused (409) rather than overwriting the other edit.
        const typed = o.editor.querySelector('textarea.doc-text')?.value ?? open.text;
        renderEditor(`文档已被他人修改（现为第 ${d.revision} 版）。请先复制您的修改，返回列表重新打开后再编辑，以免覆盖他人的修改。`);
        const textarea = o.editor.querySelector('textarea.doc-text');
        if (textarea) textarea.value = typed;
        return;
      }
      open = { token: d.token, revision: d.revision, text: d.text, dirty: false };
      renderEditor();
    }
    if (!open) renderList();
  }

  async function refresh() {
    try {
      const data = await o.api('/documents');
      for (const d of Array.isArray(data.documents) ? data.documents : []) docs.set(d.token, d);
      if (!open) renderList();
    } catch (err) {
      o.list.innerHTML = `<div class="error-text">${escapeHtml(err.message)}</div>`;
    }
  }

  return { refresh, update, open: openDocument };
}
