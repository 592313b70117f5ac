// The imports this host can satisfy (docs/abi.md §3), with their signatures where they are fixed.
import type { FuncType } from './binary';

export const MOCKFORGE_IMPORTS: Record<string, FuncType> = {
  log: { params: ['i32', 'i32', 'i32'], results: [] },
  config_get: { params: ['i32', 'i32'], results: ['i64'] },
  http_fetch: { params: ['i32', 'i32'], results: ['i64'] },
};

/** AssemblyScript's default runtime imports. */
export const ENV_IMPORTS: Record<string, FuncType> = {
  abort: { params: ['i32', 'i32', 'i32', 'i32'], results: [] },
  seed: { params: [], results: ['f64'] },
};

/** WASI preview 1 functions node:wasi implements, minus the socket calls MockForge does not provide. */
export const WASI_FUNCTIONS = new Set([
  'args_get', 'args_sizes_get', 'clock_res_get', 'clock_time_get', 'environ_get', 'environ_sizes_get', 'fd_advise',
  'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get', 'fd_fdstat_set_flags', 'fd_fdstat_set_rights',
  'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times', 'fd_pread', 'fd_prestat_get',
  'fd_prestat_dir_name', 'fd_pwrite', 'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek', 'fd_sync', 'fd_tell',
  'fd_write', 'path_create_directory', 'path_filestat_get', 'path_filestat_set_times', 'path_link', 'path_open',
  'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink', 'path_unlink_file', 'poll_oneoff',
  'proc_exit', 'proc_raise', 'random_get', 'sched_yield',
]);
