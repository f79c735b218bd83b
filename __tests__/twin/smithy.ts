import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const modelsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'twin', 'models');

interface ShapeRef {
  target: string;
  traits?: Record<string, unknown>;
}
interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  input?: ShapeRef;
  output?: ShapeRef;
  errors?: ShapeRef[];
  traits?: Record<string, unknown>;
}

/** Errors any AWS operation may return though models do not list them (AWS "common errors"). */
export const COMMON_ERRORS = new Set([
  'ThrottlingException',
  'Throttling',
  'AccessDeniedException',
  'AccessDenied',
  'ValidationError',
  'InternalFailure',
  'ServiceUnavailable',
  'SerializationException',
  'SlowDown',
  'InternalError',
  // AWS's common errors: credentials not recognised (also what a region the account has not enabled answers).
  'UnrecognizedClientException',
]);

/** One Smithy JSON model from `twin/models/`, with helpers to check wire data against it. */
export class SmithyModel {
  readonly shapes: Record<string, Shape>;
  readonly namespace: string;

  constructor(file: string) {
    const doc = JSON.parse(readFileSync(join(modelsDir, file), 'utf8')) as { shapes: Record<string, Shape> };
    this.shapes = doc.shapes;
    const service = Object.entries(this.shapes).find(([, s]) => s.type === 'service');
    if (!service) throw new Error(`no service in ${file}`);
    this.namespace = service[0].split('#')[0] as string;
  }

  shape(id: string): Shape {
    const s = this.shapes[id.includes('#') ? id : `${this.namespace}#${id}`];
    if (!s) throw new Error(`no shape ${id}`);
    return s;
  }

  operation(name: string): Shape {
    const op = this.shape(name);
    if (op.type !== 'operation') throw new Error(`${name} is not an operation`);
    return op;
  }

  outputShapeId(op: string): string {
    const t = this.operation(op).output?.target;
    if (!t) throw new Error(`${op} has no output`);
    return t;
  }

  /** Error codes an operation declares: awsQuery codes where set, else the shape names. */
  declaredErrors(op: string): Set<string> {
    const out = new Set<string>();
    for (const e of this.operation(op).errors ?? []) {
      const s = this.shape(e.target);
      const q = s.traits?.['aws.protocols#awsQueryError'] as { code?: string } | undefined;
      out.add(q?.code ?? (e.target.split('#')[1] as string));
      out.add(e.target.split('#')[1] as string);
    }
    return out;
  }

  /** The members of a structure bound to HTTP headers, by lower-cased header name. */
  headerMembers(structureId: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const [name, ref] of Object.entries(this.shape(structureId).members ?? {})) {
      const h = ref.traits?.['smithy.api#httpHeader'];
      if (typeof h === 'string') out.set(h.toLowerCase(), name);
      const prefix = ref.traits?.['smithy.api#httpPrefixHeaders'];
      if (typeof prefix === 'string') out.set(`${prefix.toLowerCase()}*`, name);
    }
    return out;
  }

  /**
   * Checks a JSON value (awsJson1_1 wire form) against a shape; returns the problems found. Timestamps are epoch
   * seconds, as awsJson serialises them.
   */
  checkJson(shapeId: string, value: unknown, path = '$'): string[] {
    const s = this.shape(shapeId);
    const problems: string[] = [];
    switch (s.type) {
      case 'structure':
        if (typeof value !== 'object' || value === null || Array.isArray(value))
          return [`${path}: expected object`];
        for (const [k, v] of Object.entries(value)) {
          const ref = s.members?.[k];
          if (!ref) problems.push(`${path}.${k}: not a member of ${shapeId}`);
          else problems.push(...this.checkJson(ref.target, v, `${path}.${k}`));
        }
        return problems;
      case 'list':
        if (!Array.isArray(value)) return [`${path}: expected array`];
        return value.flatMap((v, i) => this.checkJson((s.member as ShapeRef).target, v, `${path}[${i}]`));
      case 'map':
        if (typeof value !== 'object' || value === null) return [`${path}: expected map`];
        return Object.entries(value).flatMap(([k, v]) => [
          ...this.checkJson((s.key as ShapeRef).target, k, `${path}<key>`),
          ...this.checkJson((s.value as ShapeRef).target, v, `${path}.${k}`),
        ]);
      default:
        return this.checkScalar(shapeId, s, value, path);
    }
  }

  private checkScalar(shapeId: string, s: Shape, value: unknown, path: string): string[] {
    const t = shapeId.startsWith('smithy.api#') ? shapeId.slice('smithy.api#'.length).toLowerCase() : s.type;
    switch (t) {
      case 'string':
        return typeof value === 'string' ? this.checkString(s, value, path) : [`${path}: expected string`];
      case 'enum': {
        const values = Object.values(s.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue']);
        return values.includes(value)
          ? []
          : [`${path}: ${JSON.stringify(value)} not in enum ${values.join('|')}`];
      }
      case 'integer':
      case 'long':
      case 'short':
        return Number.isInteger(value)
          ? this.checkRange(s, value as number, path)
          : [`${path}: expected integer`];
      case 'double':
      case 'float':
        return typeof value === 'number' ? [] : [`${path}: expected number`];
      case 'boolean':
        return typeof value === 'boolean' ? [] : [`${path}: expected boolean`];
      case 'timestamp':
        return typeof value === 'number' ? [] : [`${path}: expected epoch-seconds timestamp`];
      case 'blob':
        return typeof value === 'string' ? [] : [`${path}: expected base64 string`];
      default:
        return [`${path}: unchecked type ${t}`];
    }
  }

  private checkString(s: Shape, value: string, path: string): string[] {
    const out: string[] = [];
    const len = s.traits?.['smithy.api#length'] as { min?: number; max?: number } | undefined;
    if (len?.min !== undefined && value.length < len.min) out.push(`${path}: shorter than ${len.min}`);
    if (len?.max !== undefined && value.length > len.max) out.push(`${path}: longer than ${len.max}`);
    const pattern = s.traits?.['smithy.api#pattern'];
    if (typeof pattern === 'string') {
      // Smithy patterns are ECMA 262 apart from Java-style inline flags such as `(?s)`.
      const flags = [...pattern.matchAll(/\(\?([a-z]+)\)/g)].map((m) => m[1]).join('');
      const re = new RegExp(
        pattern.replace(/\(\?[a-z]+\)/g, ''),
        `u${[...new Set(flags.replace(/[^ims]/g, ''))].join('')}`,
      );
      if (!re.test(value)) out.push(`${path}: does not match ${pattern}`);
    }
    return out;
  }

  private checkRange(s: Shape, value: number, path: string): string[] {
    const r = s.traits?.['smithy.api#range'] as { min?: number; max?: number } | undefined;
    if (r?.min !== undefined && value < r.min) return [`${path}: below ${r.min}`];
    if (r?.max !== undefined && value > r.max) return [`${path}: above ${r.max}`];
    return [];
  }

  /**
   * Checks an XML element's children against a structure: each child must be a member (by `xmlName` or name),
   * flattened lists repeat the member's element, wrapped lists hold `member` elements, awsQuery maps hold `entry`.
   */
  checkXml(shapeId: string, el: XmlElement, path = el.name): string[] {
    const s = this.shape(shapeId);
    if (s.type !== 'structure') return this.checkXmlValue(shapeId, el, path);
    const byElement = new Map<string, ShapeRef>();
    for (const [name, ref] of Object.entries(s.members ?? {})) {
      if (ref.traits?.['smithy.api#httpHeader'] || ref.traits?.['smithy.api#httpPrefixHeaders']) continue;
      if (ref.traits?.['smithy.api#httpPayload'] || ref.traits?.['smithy.api#httpResponseCode']) continue;
      const xmlName = ref.traits?.['smithy.api#xmlName'];
      byElement.set(typeof xmlName === 'string' ? xmlName : name, ref);
    }
    const problems: string[] = [];
    for (const child of el.children) {
      const ref = byElement.get(child.name);
      if (!ref) {
        problems.push(`${path}/${child.name}: not a member of ${shapeId}`);
        continue;
      }
      const target = this.shape(ref.target);
      if (target.type === 'list' && ref.traits?.['smithy.api#xmlFlattened'] !== undefined) {
        problems.push(...this.checkXml((target.member as ShapeRef).target, child, `${path}/${child.name}`));
      } else if (target.type === 'list') {
        const memberName = (target.member?.traits?.['smithy.api#xmlName'] as string | undefined) ?? 'member';
        for (const item of child.children) {
          if (item.name !== memberName)
            problems.push(`${path}/${child.name}/${item.name}: expected <${memberName}>`);
          else
            problems.push(
              ...this.checkXml(
                (target.member as ShapeRef).target,
                item,
                `${path}/${child.name}/${item.name}`,
              ),
            );
        }
      } else if (target.type === 'map') {
        for (const entry of child.children) {
          if (entry.name !== 'entry') problems.push(`${path}/${child.name}/${entry.name}: expected <entry>`);
        }
      } else {
        problems.push(...this.checkXml(ref.target, child, `${path}/${child.name}`));
      }
    }
    return problems;
  }

  private checkXmlValue(shapeId: string, el: XmlElement, path: string): string[] {
    const s = this.shape(shapeId);
    const t = shapeId.startsWith('smithy.api#') ? shapeId.slice('smithy.api#'.length).toLowerCase() : s.type;
    const text = el.text;
    switch (t) {
      case 'integer':
      case 'long':
        return /^-?\d+$/.test(text) ? [] : [`${path}: ${text} is not an integer`];
      case 'boolean':
        return text === 'true' || text === 'false' ? [] : [`${path}: ${text} is not a boolean`];
      case 'timestamp':
        return Number.isFinite(Date.parse(text)) ? [] : [`${path}: ${text} is not a timestamp`];
      case 'enum': {
        const values = Object.values(s.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue']);
        return values.includes(text) ? [] : [`${path}: ${text} not in enum`];
      }
      case 'string':
        return this.checkString(s, text, path);
      default:
        return [];
    }
  }
}

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** A minimal XML reader for the twin's answers (elements, attributes, text; no CDATA or comments). */
export function parseXml(xml: string): XmlElement {
  const src = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  let pos = 0;
  function element(): XmlElement {
    const open = /^<([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/.exec(src.slice(pos));
    if (!open) throw new Error(`bad XML at ${pos}: ${src.slice(pos, pos + 40)}`);
    pos += open[0].length;
    const attributes: Record<string, string> = {};
    for (const a of (open[2] ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g))
      attributes[a[1] as string] = decode(a[2] as string);
    const el: XmlElement = { name: open[1] as string, attributes, children: [], text: '' };
    if (open[3] === '/') return el;
    for (;;) {
      const lt = src.indexOf('<', pos);
      if (lt < 0) throw new Error(`unclosed <${el.name}>`);
      el.text += decode(src.slice(pos, lt));
      pos = lt;
      if (src.startsWith(`</${el.name}>`, pos)) {
        pos += el.name.length + 3;
        if (el.children.length) el.text = el.text.trim();
        return el;
      }
      el.children.push(element());
    }
  }
  return element();
}
