// esbuild's runtime helpers at the top of every bundle (`__toESM`, `__export`, `__commonJS`, …). Their
// bodies copy properties generically (computed keys, getters), which a field-based analysis would
// read as "any function may flow anywhere"; so they are recognised by name and modelled by what they
// do instead of analysed. A second bundling renames them with a numeric suffix (`__toESM2`).
// Runs in: Node (load time).

/** Helpers that hand back (a view of) their first argument: module objects keep their identity. */
const PASS_THROUGH = ['__toESM', '__toCommonJS', '__name', '__reExport'];
/** `__export(target, { name: () => binding })`: the getters name what the script exports to the runner. */
const EXPORT = '__export';
/** `__commonJS({ 'path'(exports, module) {…} })`, `__esm({…})`: the functions are module bodies (init context). */
const MODULE_WRAPPERS = ['__commonJS', '__esm'];
/** `__publicField(obj, 'key', value)`: a class field lowered for older targets. */
const PUBLIC_FIELD = '__publicField';
/** The rest: object and property plumbing that never calls the script's functions. */
const PLUMBING = [
  '__create',
  '__defProp',
  '__defProps',
  '__getOwnPropDesc',
  '__getOwnPropDescs',
  '__getOwnPropNames',
  '__getOwnPropSymbols',
  '__getProtoOf',
  '__hasOwnProp',
  '__propIsEnum',
  '__defNormalProp',
  '__spreadValues',
  '__spreadProps',
  '__copyProps',
  '__require',
  '__objRest',
  '__knownSymbol',
  '__typeError',
  '__accessCheck',
  '__privateGet',
  '__privateAdd',
  '__privateSet',
  '__privateMethod',
  '__template',
];

const ALL = new Set([...PASS_THROUGH, EXPORT, ...MODULE_WRAPPERS, PUBLIC_FIELD, ...PLUMBING]);

/** The helper's canonical name for a top-level binding name, or undefined when it is not one. */
export function bundlerHelperName(bindingName: string): string | undefined {
  const canonical = bindingName.replace(/\d+$/, '');
  return ALL.has(canonical) ? canonical : undefined;
}

export const isPassThroughHelper = (name: string): boolean => PASS_THROUGH.includes(name);
export const isExportHelper = (name: string): boolean => name === EXPORT;
export const isModuleWrapperHelper = (name: string): boolean => MODULE_WRAPPERS.includes(name);
export const isPublicFieldHelper = (name: string): boolean => name === PUBLIC_FIELD;
