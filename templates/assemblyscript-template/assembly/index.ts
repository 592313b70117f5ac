// __PLUGIN_NAME__: template functions MockForge can call from response templates, e.g. {{uuid}}, {{upper name}}.
import {
  FunctionDescriptor, JSONValue, PluginContext, TemplateFunction, TemplatePlugin, reject, registerTemplatePlugin,
} from '@mockforge/plugin-sdk';

// The ABI functions MockForge calls: the allocator and the two template operations.
export { mockforge_alloc, mockforge_free, list_functions, execute_function } from '@mockforge/plugin-sdk/abi';

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Linus', 'Frances', 'Ken'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Torvalds', 'Allen', 'Thompson'];
const HEX = '0123456789abcdef';

function pick(list: string[]): string {
  return list[<i32>Math.floor(Math.random() * list.length)];
}

/** A random (version 4) UUID. Math.random is seeded by the host (env.seed). */
function uuid4(): string {
  let out = '';
  for (let i = 0; i < 36; i++) {
    if (i == 8 || i == 13 || i == 18 || i == 23) { out += '-'; continue; }
    let d = <i32>Math.floor(Math.random() * 16);
    if (i == 14) d = 4; // version
    if (i == 19) d = (d & 0x3) | 0x8; // variant 10xx
    out += HEX.charAt(d);
  }
  return out;
}

class MockFunctions extends TemplatePlugin {
  listFunctions(): FunctionDescriptor[] {
    return [
      new TemplateFunction('uuid', 'A random UUID (version 4)', 'string').example('{{uuid}}').impure(),
      new TemplateFunction('upper', 'The text in upper case', 'string')
        .param('text', 'string', 'text to convert').example('{{upper "hello"}} → HELLO'),
      new TemplateFunction('faker_name', 'A random full name', 'string').example('{{faker_name}}').impure(),
    ];
  }

  executeFunction(name: string, args: JSONValue[], ctx: PluginContext): JSONValue | null {
    if (name == 'uuid') return JSONValue.string(uuid4());
    if (name == 'faker_name') return JSONValue.string(pick(FIRST) + ' ' + pick(LAST));
    if (name == 'upper') {
      if (args.length != 1 || !args[0].isString) return reject<JSONValue>('upper takes one string argument', 'bad_input');
      return JSONValue.string(args[0].str.toUpperCase());
    }
    return reject<JSONValue>("unknown function '" + name + "' (this plugin has uuid, upper, faker_name)");
  }
}

registerTemplatePlugin(new MockFunctions());
