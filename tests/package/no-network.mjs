// Preloaded (node --import) into tools that must work offline: any attempt to reach the network throws, so a
// tool that silently fetches something fails its test instead of passing on a connected machine.
import http from "node:http";
import https from "node:https";
import net from "node:net";

const refuse = (what) => () => {
  throw new Error(`network access attempted (${what}) in an offline check`);
};
globalThis.fetch = refuse("fetch");
http.request = refuse("http.request");
http.get = refuse("http.get");
https.request = refuse("https.request");
https.get = refuse("https.get");
net.connect = refuse("net.connect");
net.createConnection = refuse("net.createConnection");
