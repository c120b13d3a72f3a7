"use strict";
// Bundled in place of cdktf 0.21.0's lib/tokens/private/resolve.js (see scripts/build/build.cjs).
//
// cdktf resolves every stack three times over (a preparing pass for cross-stack references, each element's
// fragment, then the merged document), and the original spends most of that on bookkeeping for values that hold
// no token: for every key and every value it allocates a resolution context (an object, two closures, a copied
// prefix, a spread of the options) and joins the whole key path into a string used only in error messages. Most
// of a stack's ~3,000 values are plain leaves (strings without a token marker, booleans, ordinary numbers).
// This is the same algorithm, statement for statement, with three changes that cannot change a result:
//   1. the key path text (`pathName`) is built only when an error message needs it;
//   2. a string builds its contexts only when it holds a token (the context was read for two flags only, which
//      it copies from `options.previousContext`: they are read from there);
//   3. a plain leaf child (undefined, null, a boolean, a number that is no encoded token, a string without a
//      token marker that no number-token pattern matches and that is not a map-token value) is taken as it
//      is: the original's resolve() returns such a value unchanged and calls no resolver, token or hook for it.
//      A child deeper than the original's limit still goes through resolve(), which throws as before.
// __tests__/build/fast-resolve.test.ts runs the original and this over the same inputs (tokens, escapes,
// number tokens, map and list tokens, post-processors, every error) and compares results and errors.
Object.defineProperty(exports, "__esModule", { value: true });
exports.RememberingTokenResolver = void 0;
exports.resolve = resolve;
exports.findTokens = findTokens;
const resolvable_1 = require("../resolvable");
const encoding_1 = require("./encoding");
const token_map_1 = require("./token-map");
const token_1 = require("../token");
const errors_1 = require("../../errors");
// This file should not be exported to consumers, resolving should happen through Construct.resolve()
const tokenMap = token_map_1.TokenMap.instance();
/** The original's depth limit: a prefix longer than this throws. */
const MAX_DEPTH = 200;
/**
 * Whether the original's resolve() would return `x` unchanged without calling anything: no token marker (every
 * string, list and map token marker contains "TfToken["), no encoded number token, not a map-token value.
 */
function isPlainLeaf(x) {
    switch (typeof x) {
        case "undefined":
        case "boolean":
            return true;
        case "number":
            return x !== token_1.Token.NUMBER_MAP_TOKEN_VALUE && (0, encoding_1.extractTokenDouble)(x, false) === undefined;
        case "string":
            return (!x.includes("TfToken[") &&
                x !== token_1.Token.STRING_MAP_TOKEN_VALUE &&
                x !== token_1.Token.ANY_MAP_TOKEN_VALUE &&
                !encoding_1.TokenString.forNumbers(x).test());
        case "object":
            return x === null;
        default:
            return false;
    }
}
/**
 * Resolves an object by evaluating all tokens and removing any undefined or empty objects or arrays.
 * Values can only be primitives, arrays or tokens. Other objects (i.e. with methods) will be rejected.
 *
 * @param obj The object to resolve.
 * @param prefix Prefix key path components for diagnostics.
 */
function resolve(obj, options) {
    const prefix = options.prefix || [];
    const pathName = () => "/" + prefix.join("/");
    /**
     * Make a new resolution context
     */
    function makeContext(appendPath) {
        const newPrefix = appendPath !== undefined ? prefix.concat([appendPath]) : options.prefix;
        let postProcessor;
        const context = {
            preparing: options.preparing,
            scope: options.scope,
            suppressBraces: options.previousContext?.suppressBraces,
            ignoreEscapes: options.previousContext?.ignoreEscapes,
            warnEscapes: options.previousContext?.warnEscapes,
            iteratorContext: options.previousContext?.iteratorContext,
            registerPostProcessor(pp) {
                postProcessor = pp;
            },
            resolve(x) {
                return resolve(x, {
                    ...options,
                    prefix: newPrefix,
                    previousContext: context,
                });
            },
        };
        return [
            context,
            {
                postProcess(x) {
                    return postProcessor ? postProcessor.postProcess(x, context) : x;
                },
            },
        ];
    }
    // protect against cyclic references by limiting depth.
    if (prefix.length > MAX_DEPTH) {
        throw (0, errors_1.unableToResolveCircularReference)(pathName());
    }
    //
    // undefined
    //
    if (typeof obj === "undefined") {
        return undefined;
    }
    //
    // null
    //
    if (obj === null) {
        return null;
    }
    //
    // functions - not supported (only tokens are supported)
    //
    if (typeof obj === "function") {
        throw (0, errors_1.cannotResolveFunction)(pathName(), obj);
    }
    //
    // string - potentially replace all stringified Tokens
    //
    if (typeof obj === "string") {
        const marked = obj.includes("TfToken[");
        // If this is a "list element" Token, it should never occur by itself in string context
        if (marked && encoding_1.TokenString.forListToken(obj).test()) {
            throw (0, errors_1.encodedListTokenInScalarStringContext)();
        }
        if (obj === token_1.Token.STRING_MAP_TOKEN_VALUE ||
            obj === token_1.Token.ANY_MAP_TOKEN_VALUE) {
            throw (0, errors_1.encodedMapTokenInScalarStringContext)();
        }
        let str = obj;
        if (marked) {
            const previous = options.previousContext;
            const tokenStr = encoding_1.TokenString.forString(str, !previous?.ignoreEscapes, previous?.warnEscapes);
            if (tokenStr.test()) {
                const fragments = tokenStr.split(tokenMap.lookupToken.bind(tokenMap));
                str = options.resolver.resolveString(fragments, makeContext()[0]);
            }
        }
        // replace concatenated token numbers
        const tokenNumberStr = encoding_1.TokenString.forNumbers(str);
        if (tokenNumberStr.test()) {
            const fragments = tokenNumberStr.split((id) => {
                return token_map_1.TokenMap.instance().lookupNumberToken(parseFloat(id));
            });
            const context = makeContext()[0];
            str = fragments.mapTokens(context).join(new resolvable_1.StringConcat());
        }
        return str;
    }
    //
    // number - potentially decode Tokenized number
    //
    if (typeof obj === "number") {
        if (obj === token_1.Token.NUMBER_MAP_TOKEN_VALUE) {
            throw (0, errors_1.encodedMapTokenInScalarNumberContext)();
        }
        return resolveNumberToken(obj, makeContext);
    }
    //
    // primitives - as-is
    //
    if (typeof obj !== "object" || obj instanceof Date) {
        return obj;
    }
    // A child's prefix is one longer: within the limit, a plain leaf child needs no resolve() call.
    const childrenWithinLimit = prefix.length < MAX_DEPTH;
    //
    // arrays - resolve all values, remove undefined and remove empty arrays
    //
    if (Array.isArray(obj)) {
        if ((0, encoding_1.containsStringListTokenElement)(obj)) {
            return options.resolver.resolveList(obj, makeContext()[0]);
        }
        if ((0, encoding_1.containsNumberListTokenElement)(obj)) {
            return options.resolver.resolveNumberList(obj, makeContext()[0]);
        }
        const arr = obj
            .map((x, i) => (childrenWithinLimit && isPlainLeaf(x) ? x : makeContext(`${i}`)[0].resolve(x)))
            .filter((x) => typeof x !== "undefined");
        return arr;
    }
    // check for tokenized map
    const mapToken = (0, encoding_1.containsMapToken)(obj);
    if (mapToken) {
        return options.resolver.resolveMap(obj, makeContext()[0]);
    }
    //
    // tokens - invoke 'resolve' and continue to resolve recursively
    //
    // (the original's `unresolved(obj)`: for an object that is no array, `containsMapToken(obj)`, just found false,
    // or `Tokenization.isResolvable(obj)`)
    if (token_1.Tokenization.isResolvable(obj)) {
        const [context, postProcessor] = makeContext();
        return options.resolver.resolveToken(obj, context, postProcessor);
    }
    //
    // objects - deep-resolve all values
    //
    // Must not be a Construct at this point, otherwise you probably made a typo
    // mistake somewhere and resolve will get into an infinite loop recursing into
    // child.parent <---> parent.children
    if (isConstruct(obj)) {
        throw (0, errors_1.constructsCannotBeResolved)(pathName());
    }
    const result = {};
    for (const key of Object.keys(obj)) {
        // (a key resolves at this prefix, which is within the limit)
        const resolvedKey = isPlainLeaf(key) ? key : makeContext()[0].resolve(key);
        if (typeof resolvedKey !== "string") {
            throw (0, errors_1.mapKeyMustResolveToString)(pathName(), key, resolvedKey);
        }
        const child = obj[key];
        const value = childrenWithinLimit && isPlainLeaf(child) ? child : makeContext(key)[0].resolve(child);
        // skip undefined
        if (typeof value === "undefined") {
            continue;
        }
        result[resolvedKey] = value;
    }
    return result;
}
/**
 * Find all Tokens that are used in the given structure
 */
function findTokens(scope, fn) {
    const resolver = new RememberingTokenResolver(new resolvable_1.StringConcat());
    resolve(fn(), { scope, prefix: [], resolver, preparing: true });
    return resolver.tokens;
}
/**
 * Remember all Tokens encountered while resolving
 */
class RememberingTokenResolver extends resolvable_1.DefaultTokenResolver {
    constructor() {
        super(...arguments);
        this.tokensSeen = new Set();
    }
    resolveToken(t, context, postProcessor) {
        this.tokensSeen.add(t);
        return super.resolveToken(t, context, postProcessor);
    }
    resolveString(s, context) {
        const ret = super.resolveString(s, context);
        return ret;
    }
    get tokens() {
        return Array.from(this.tokensSeen);
    }
}
exports.RememberingTokenResolver = RememberingTokenResolver;
/**
 * Determine whether an object is a Construct
 *
 * Not in 'construct.ts' because that would lead to a dependency cycle via 'uniqueid.ts',
 * and this is a best-effort protection against a common programming mistake anyway.
 */
function isConstruct(x) {
    return x._children !== undefined && x._metadata !== undefined;
}
/**
 * Resolves a number token (the context is made only for one)
 */
function resolveNumberToken(x, makeContext) {
    const token = token_map_1.TokenMap.instance().lookupNumberToken(x);
    if (token === undefined) {
        return x;
    }
    return makeContext()[0].resolve(token);
}
