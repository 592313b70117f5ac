// The bundled table, as CSV text compiled into the module (header row first; numeric columns are detected).
// Replace it with your own data; keep values free of commas (this sample's CSV reader does not handle quoting).
export const USERS_CSV = `id,name,email,role,age
1,Ada Lovelace,ada@example.com,admin,36
2,Grace Hopper,grace@example.com,admin,85
3,Alan Turing,alan@example.com,user,41
4,Edsger Dijkstra,edsger@example.com,user,72
5,Barbara Liskov,barbara@example.com,user,84
6,Donald Knuth,donald@example.com,viewer,86
`;
