import type { ComponentChild } from 'preact';
import { parseMarkdown, type Block, type Inline } from './markdown';

/** Renders a learner's markdown as Preact elements: text stays text, links open safely. */
export function Markdown({ source }: { source: string }) {
  return <div class="markdown">{parseMarkdown(source).map(renderBlock)}</div>;
}

function renderBlock(block: Block, index: number): ComponentChild {
  switch (block.type) {
    case 'paragraph':
      return (
        <p key={index} dir="auto">
          {block.children.map(renderInline)}
        </p>
      );
    case 'code':
      return (
        <pre key={index}>
          <code>{block.text}</code>
        </pre>
      );
    case 'list': {
      const items = block.items.map((item, i) => (
        <li key={i} dir="auto">
          {item.map(renderInline)}
        </li>
      ));
      return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
    }
  }
}

function renderInline(node: Inline, index: number): ComponentChild {
  switch (node.type) {
    case 'text':
      return node.text;
    case 'br':
      return <br key={index} />;
    case 'code':
      return <code key={index}>{node.text}</code>;
    case 'em':
      return <em key={index}>{node.children.map(renderInline)}</em>;
    case 'strong':
      return <strong key={index}>{node.children.map(renderInline)}</strong>;
    case 'link':
      return (
        <a key={index} href={node.href} target="_blank" rel="noopener noreferrer nofollow ugc">
          {node.children.map(renderInline)}
        </a>
      );
  }
}
