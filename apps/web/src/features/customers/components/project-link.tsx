import { createContext, useContext } from 'react';
import { Link } from 'react-router-dom';

/** The record's projects by id, so that every figure's source can be named and linked to its project. */
export const ProjectNames = createContext<ReadonlyMap<string, string>>(new Map());

/** The project of each survey reading of the record: the satisfaction signal names its readings without their project. */
export const ReadingProjects = createContext<ReadonlyMap<string, string>>(new Map());

/** A project of the record by name, linked to its page; one the reader does not see by the start of its id. */
export function ProjectLink({ id }: { id: string }) {
  const names = useContext(ProjectNames);
  return <Link to={`/projects/${encodeURIComponent(id)}`}>{names.get(id) ?? id.slice(0, 8)}</Link>;
}

/** Several projects, comma separated; a dash for none. */
export function ProjectLinks({ ids }: { ids: readonly string[] }) {
  if (ids.length === 0) return <>—</>;
  return (
    <>
      {ids.map((id, index) => (
        <span key={id}>
          {index > 0 && ', '}
          <ProjectLink id={id} />
        </span>
      ))}
    </>
  );
}
