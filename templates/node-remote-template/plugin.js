// __PLUGIN_NAME__: template functions MockForge can call from response templates, e.g. {{uuid}}, {{upper name}}.
//
// Run it: `node plugin.js` (listens on 127.0.0.1:$PORT).
'use strict';
const { randomUUID } = require('node:crypto');
// The SDK copied into this project by `mockforge-plugin new` (one file, no npm install needed).
const { PluginError, TemplatePlugin } = require('./lib/mockforge-plugin-sdk');

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Linus', 'Frances', 'Ken'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Torvalds', 'Allen', 'Thompson'];

const pick = (list) => list[Math.floor(Math.random() * list.length)];

class Functions extends TemplatePlugin {
  listFunctions() {
    return [
      { name: 'uuid', description: 'A random UUID (version 4)', return_type: 'string', examples: ['{{uuid}}'] },
      {
        name: 'upper',
        description: 'The text in upper case',
        return_type: 'string',
        pure: true,
        parameters: [{ name: 'text', param_type: 'string', description: 'text to convert', required: true }],
        examples: ['{{upper "hello"}} → HELLO'],
      },
      { name: 'faker_name', description: 'A random full name', return_type: 'string', examples: ['{{faker_name}}'] },
    ];
  }

  executeFunction(name, args) {
    switch (name) {
      case 'uuid':
        return randomUUID();
      case 'faker_name':
        return `${pick(FIRST)} ${pick(LAST)}`;
      case 'upper':
        if (args.length !== 1 || typeof args[0] !== 'string') throw new PluginError('upper takes one string argument', 'bad_input');
        return args[0].toUpperCase();
    }
    throw new Error(`unknown function '${name}' (this plugin has uuid, upper, faker_name)`);
  }
}

module.exports = { Functions, FIRST, LAST };

if (require.main === module) {
  const plugin = new Functions();
  const port = Number(process.env.PORT || __PORT__);
  // PROTOCOL=grpc serves gRPC instead of HTTP (with `remote.protocol: grpc` in plugin.yaml).
  (process.env.PROTOCOL === 'grpc' ? plugin.serveGrpc(port) : plugin.listen(port)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
