// Stands in for @types/node when tsconfig.shared.json checks shared/ (its `typeRoots` points
// here). Some packages' types say `/// <reference types="node" />` (@types/papaparse does, for
// its Node stream overloads); without this stub that line would pull every Node global into
// shared/, which must run in browsers and workers too. Empty on purpose.
export {};
